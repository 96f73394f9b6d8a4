import { createCanvas, loadImage } from '@napi-rs/canvas';
import { imageSize } from 'image-size';
import { detectLanguage } from '../language';
import type { Deadline } from '../limits';
import { encodeCanvas } from '../pages/encode-canvas';
import { normaliseOcrText } from './ocr-text';
import { DEFAULT_OCR_LANGUAGE, isOcrLanguage, OCR_LANGUAGES, type OcrLanguage } from './ocr-models';
import type { Recognised, Segmentation, TesseractOcr } from './tesseract-ocr';

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
/**
 * A page whose longer side is under this many pixels (an A4 page under ~140 dpi) that orientation detection is not
 * sure of is read enlarged LOW_RESOLUTION_UPSCALE times (the size at which the eval's 64–82 dpi scans read best).
 */
const LOW_RESOLUTION_SIDE = 1600;
const LOW_RESOLUTION_UPSCALE = 2;

interface Reading {
  page: Buffer;
  best: Recognised;
}

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
    let { page, best } = await this.readUpright(image, deadline, session, maxPixels);

    const scale = best.lineHeight === null ? 1 : Math.min(MAX_UPSCALE, TARGET_LINE_HEIGHT / best.lineHeight);
    if (best.lineHeight !== null && best.lineHeight < MIN_LINE_HEIGHT) {
      const enlarged = await transformed(await this.ocr.decoded(page, deadline), 0, scale, maxPixels);
      const again = await this.ocr.recognize(enlarged, deadline, session.language ?? DEFAULT_OCR_LANGUAGE, 'columns');
      if (again.confidence > best.confidence) [page, best] = [enlarged, again];
    }

    if (!session.language) best = await this.settleLanguage(page, best, deadline, session);
    return normaliseOcrText(best.text);
  }

  /** The page turned upright by orientation detection, or by reading its turns when detection is not sure, and read. */
  private async readUpright(image: Buffer, deadline: Deadline, session: ScanSession, maxPixels: number) {
    const turn = await this.ocr.uprightTurn(image, deadline);
    if (turn === 0) return this.readPage(image, deadline, session, 'columns');
    const decoded = await this.ocr.decoded(image, deadline);
    if (turn !== null) return this.readPage(await transformed(decoded, turn, 1, maxPixels), deadline, session, 'columns');
    return isLowResolution(decoded)
      ? this.readEachTurnEnlarged(decoded, deadline, session, maxPixels)
      : this.readEachTurn(decoded, deadline, session, maxPixels);
  }

  /** Pages whose orientation is known are read by `columns`; while turns are tried, by `block`, whose confidence tells them apart. */
  private async readPage(page: Buffer, deadline: Deadline, session: ScanSession, segmentation: Segmentation): Promise<Reading> {
    return { page, best: await this.ocr.recognize(page, deadline, session.language ?? DEFAULT_OCR_LANGUAGE, segmentation) };
  }

  /**
   * Orientation detection was not sure (little text, or text too small for it): the page is read as it is and,
   * unless that reading is confident, turned each other quarter; the reading tesseract is most confident of wins.
   * It costs up to three more recognitions, only on such pages.
   */
  private async readEachTurn(decoded: Buffer, deadline: Deadline, session: ScanSession, maxPixels: number) {
    const upright = await this.readPage(decoded, deadline, session, 'block');
    if (upright.best.confidence >= UPRIGHT_CONFIDENCE) return upright;
    const turned = await this.mostConfidentTurn(decoded, deadline, session, maxPixels);
    return turned.best.confidence > upright.best.confidence ? turned : upright;
  }

  /**
   * A low-resolution page orientation detection was not sure of (it rarely is of small letters) is read enlarged as
   * it is: mostly that reading is confident and final, one recognition where reading each turn and then the best
   * one enlarged took five. Else its other turns are read at their size and the most confident one again enlarged.
   */
  private async readEachTurnEnlarged(decoded: Buffer, deadline: Deadline, session: ScanSession, maxPixels: number) {
    const upright = await this.readPage(await transformed(decoded, 0, LOW_RESOLUTION_UPSCALE, maxPixels), deadline, session, 'block');
    if (upright.best.confidence >= UPRIGHT_CONFIDENCE) return upright;
    const { turn } = await this.mostConfidentTurn(decoded, deadline, session, maxPixels);
    const turned = await this.readPage(await transformed(decoded, turn, LOW_RESOLUTION_UPSCALE, maxPixels), deadline, session, 'block');
    return turned.best.confidence > upright.best.confidence ? turned : upright;
  }

  /** The page turned each other quarter and read, until a reading is confident; the most confident reading. */
  private async mostConfidentTurn(decoded: Buffer, deadline: Deadline, session: ScanSession, maxPixels: number) {
    const readings: (Reading & { turn: number })[] = [];
    for (const turn of QUARTER_TURNS) {
      const read = { ...(await this.readPage(await transformed(decoded, turn, 1, maxPixels), deadline, session, 'block')), turn };
      readings.push(read);
      if (read.best.confidence >= UPRIGHT_CONFIDENCE) break;
    }
    return readings.reduce((best, read) => (read.best.confidence > best.best.confidence ? read : best));
  }

  /** The first page with enough text fixes the document's language; a page read with the wrong model is read again. */
  private async settleLanguage(page: Buffer, first: Recognised, deadline: Deadline, session: ScanSession): Promise<Recognised> {
    const detected = OCR_LANGUAGES[detectLanguage(first.text) as keyof typeof OCR_LANGUAGES] ?? null;
    if (!detected) return first;
    session.language = detected;
    if (detected === DEFAULT_OCR_LANGUAGE) return first;
    const again = await this.ocr.recognize(page, deadline, detected, 'columns');
    return again.confidence >= first.confidence ? again : first;
  }
}

function isLowResolution(png: Buffer): boolean {
  const { width, height } = imageSize(png);
  return Math.max(width, height) < LOW_RESOLUTION_SIDE;
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
