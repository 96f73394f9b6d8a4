import { createCanvas, loadImage } from '@napi-rs/canvas';
import { detectLanguage } from '../language';
import type { Deadline } from '../limits';
import { encodeCanvas } from '../pages/encode-canvas';
import { normaliseOcrText } from './ocr-text';
import { DEFAULT_OCR_LANGUAGE, isOcrLanguage, OCR_LANGUAGES, type OcrLanguage } from './ocr-models';
import type { Recognised, TesseractOcr } from './tesseract-ocr';

/**
 * Text lines lower than this many pixels are a low-resolution scan (an A4 page of ~800 px): such a page is
 * enlarged until its lines are about TARGET_LINE_HEIGHT high and read again. On the eval's 64–82 dpi scans
 * (lines 11–12 px) twice the size read best: word-F1 ×1.5 0.613 / 0.862, ×2 0.715 / 0.867, ×2.5 0.694 / 0.849,
 * ×3 0.660 / 0.840; binarising, sharpening or darkening the enlarged page only lowered it.
 */
const MIN_LINE_HEIGHT = 20;
const TARGET_LINE_HEIGHT = 24;
const MAX_UPSCALE = 4;
/**
 * When orientation detection is not sure, a page read as it is with this mean word confidence or more is upright;
 * below it each other quarter turn is read too. On the eval scans a page read turned scores 16–28, upright 30–95.
 */
const UPRIGHT_CONFIDENCE = 60;
const QUARTER_TURNS = [90, 180, 270] as const;

/** What one document's scanned pages share: the OCR language, fixed by the tenant or by the first page read. */
export interface ScanSession {
  language: OcrLanguage | null;
}

export function sessionFor(language: string | undefined): ScanSession {
  return { language: language && isOcrLanguage(language) ? language : null };
}

/**
 * Reads a scanned page: turns it upright (tesseract's orientation detection), lets tesseract deskew and
 * recognise it, reads a low-resolution page again enlarged, and while the document's language is not
 * known yet, detects it on the first page and reads that page again with the right model.
 */
export class ScanReader {
  constructor(private readonly ocr: TesseractOcr) {}

  async read(image: Buffer, deadline: Deadline, session: ScanSession, maxPixels: number): Promise<string> {
    const turn = await this.ocr.uprightTurn(image, deadline);
    let { page, best } =
      turn === null
        ? await this.readEachTurn(image, deadline, session, maxPixels)
        : await this.readTurned(image, turn, deadline, session, maxPixels);

    const scale = best.lineHeight === null ? 1 : Math.min(MAX_UPSCALE, TARGET_LINE_HEIGHT / best.lineHeight);
    if (best.lineHeight !== null && best.lineHeight < MIN_LINE_HEIGHT) {
      const enlarged = await transformed(await this.ocr.decoded(page, deadline), 0, scale, maxPixels);
      const again = await this.ocr.recognize(enlarged, deadline, session.language ?? DEFAULT_OCR_LANGUAGE);
      if (again.confidence > best.confidence) [page, best] = [enlarged, again];
    }

    if (!session.language) best = await this.settleLanguage(page, best, deadline, session);
    return normaliseOcrText(best.text);
  }

  private async readTurned(image: Buffer, turn: number, deadline: Deadline, session: ScanSession, maxPixels: number) {
    const page = turn === 0 ? image : await transformed(await this.ocr.decoded(image, deadline), turn, 1, maxPixels);
    return { page, best: await this.ocr.recognize(page, deadline, session.language ?? DEFAULT_OCR_LANGUAGE) };
  }

  /**
   * Orientation detection was not sure (little text, or text too small for it): the page is read as it is and,
   * unless that reading is confident, turned each other quarter; the reading tesseract is most confident of wins.
   * It costs up to three more recognitions, only on such pages.
   */
  private async readEachTurn(image: Buffer, deadline: Deadline, session: ScanSession, maxPixels: number) {
    let chosen = await this.readTurned(image, 0, deadline, session, maxPixels);
    if (chosen.best.confidence >= UPRIGHT_CONFIDENCE) return chosen;
    const decoded = await this.ocr.decoded(image, deadline);
    for (const turn of QUARTER_TURNS) {
      const page = await transformed(decoded, turn, 1, maxPixels);
      const read = await this.ocr.recognize(page, deadline, session.language ?? DEFAULT_OCR_LANGUAGE);
      if (read.confidence > chosen.best.confidence) chosen = { page, best: read };
    }
    return chosen;
  }

  /** The first page with enough text fixes the document's language; a page read with the wrong model is read again. */
  private async settleLanguage(page: Buffer, first: Recognised, deadline: Deadline, session: ScanSession): Promise<Recognised> {
    const detected = OCR_LANGUAGES[detectLanguage(first.text) as keyof typeof OCR_LANGUAGES] ?? null;
    if (!detected) return first;
    session.language = detected;
    if (detected === DEFAULT_OCR_LANGUAGE) return first;
    const again = await this.ocr.recognize(page, deadline, detected);
    return again.confidence >= first.confidence ? again : first;
  }
}

/** Turned `turn` degrees clockwise (the canvas grows to hold a quarter turn) and enlarged up to `scale` times. */
async function transformed(png: Buffer, turn: number, scale: number, maxPixels: number): Promise<Buffer> {
  const source = await loadImage(png);
  const fit = Math.max(1, Math.min(scale, Math.sqrt(maxPixels / (source.width * source.height))));
  const width = Math.round(source.width * fit);
  const height = Math.round(source.height * fit);
  const sideways = turn === 90 || turn === 270;
  const canvas = createCanvas(sideways ? height : width, sideways ? width : height);
  const context = canvas.getContext('2d');
  // Enlarging, bilinear read slightly better than cubic (word-F1 0.715 vs 0.702, 0.867 vs 0.855); turns keep 'high'.
  context.imageSmoothingQuality = fit > 1 ? 'low' : 'high';
  context.translate(canvas.width / 2, canvas.height / 2);
  context.rotate((turn * Math.PI) / 180);
  context.drawImage(source, -width / 2, -height / 2, width, height);
  return encodeCanvas(canvas, 'png');
}
