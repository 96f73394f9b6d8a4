import { createCanvas, loadImage } from '@napi-rs/canvas';
import { imageSize } from 'image-size';
import { detectLanguage } from '../language';
import { withoutDarkEdges } from './dark-edges';
import type { Deadline } from '../limits';
import { encodeCanvas } from '../pages/encode-canvas';
import { normaliseOcrText } from './ocr-text';
import { DEFAULT_OCR_LANGUAGE, isOcrLanguage, OCR_LANGUAGES, type OcrLanguage } from './ocr-models';
import type { Recognised, TesseractOcr } from './tesseract-ocr';

/**
 * Text lines thinner than this many pixels (a page of ~800 px, or a page image at 100 dpi) are enlarged, before
 * orientation detection and recognition, until they are about TARGET_LINE_HEIGHT thick: the factor comes from the
 * page's own text. On the eval's low-resolution scans (lines 10–12 px) twice their size read best; orientation
 * detection on lines of 10 px named a wrong turn with confidence 13 and was right on all 36 dev page images ×2.
 */
const MIN_LINE_HEIGHT = 20;
const TARGET_LINE_HEIGHT = 24;
const MAX_UPSCALE = 4;
/**
 * A reading in which this share of the words are confident words (see `Recognised.confidentWords`) is upright; else the
 * other turns are read too. On the eval's dev scans, receipts and page images a page read upright scored 0.30–0.76,
 * read upside down or sideways 0.00–0.04.
 */
const UPRIGHT_SHARE = 0.15;
/** Upside down first: tesseract's layout analysis reads many sideways pages itself, never one upside down. */
const TURNS = [0, 180, 90, 270] as const;
/**
 * Where layout analysis finds no text line on a page whose longer side is under this many pixels (an A4 page under
 * ~140 dpi), the text may be too small for it: it measures again on the page enlarged LOOK_CLOSER times.
 */
const LOW_RESOLUTION_SIDE = 1600;
const LOOK_CLOSER = 2;

/** What the canvas decodes itself; Leptonica decodes the rest (TIFF above all). */
const CANVAS_FORMATS = new Set(['png', 'jpg', 'webp', 'gif']);

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
 * Reads a scanned page: enlarges it when its text is small, turns it upright (tesseract's orientation detection, or
 * reading its turns when that is not sure), lets tesseract deskew it and recognise it column by column, and while the
 * document's language is not known yet, detects it on the first page and reads that page again with the right model.
 */
export class ScanReader {
  constructor(private readonly ocr: TesseractOcr) {}

  async read(image: Buffer, deadline: Deadline, session: ScanSession, maxPixels: number): Promise<string> {
    let reading = await this.readUpright(await this.enlargedToRead(image, deadline, maxPixels), deadline, session, maxPixels);
    if (reading.best.confidentWords === 0 || !isUpright(reading.best))
      reading = await this.readWithoutBorder(image, reading, deadline, session, maxPixels);
    const { best, page: upright } = reading;
    const settled = session.language ? best : await this.settleLanguage(upright, best, deadline, session);
    return normaliseOcrText(settled.text);
  }

  /**
   * A page read in no turn (or with no confident word) is read again without the scanner's dark border along its edges
   * (see `withoutDarkEdges`), if it has one: on SROIE receipt 600 that border pulled tesseract's threshold under the
   * faint print and no word was read. Only then: cutting the border off every page cost word-F1 on receipts that read
   * well with it (100: 0.858 -> 0.806, 400: 0.905 -> 0.891; the cut copy is a PNG without the JPEG's resolution).
   */
  private async readWithoutBorder(
    image: Buffer,
    first: Reading,
    deadline: Deadline,
    session: ScanSession,
    maxPixels: number,
  ): Promise<Reading> {
    const canvasReads = CANVAS_FORMATS.has(imageSize(image).type ?? '');
    const cut = await withoutDarkEdges(await loadImage(canvasReads ? image : await this.ocr.decoded(image, deadline)));
    if (!cut) return first;
    const again = await this.readUpright(await this.enlargedToRead(cut, deadline, maxPixels), deadline, session, maxPixels);
    return again.best.confidentWords > first.best.confidentWords ? again : first;
  }

  /**
   * The page enlarged so that its text lines are about TARGET_LINE_HEIGHT thick, or as it is when they are thick enough
   * (or it has none, even looked at closer).
   */
  private async enlargedToRead(image: Buffer, deadline: Deadline, maxPixels: number): Promise<Buffer> {
    let lineHeight = await this.ocr.lineHeight(image, deadline);
    if (lineHeight !== null && lineHeight >= MIN_LINE_HEIGHT) return image;
    if (lineHeight === null && !isLowResolution(image)) return image;
    const decoded = await this.ocr.decoded(image, deadline);
    if (lineHeight === null) {
      const closer = await this.ocr.lineHeight(await transformed(decoded, 0, LOOK_CLOSER, maxPixels), deadline);
      if (closer === null) return image;
      lineHeight = closer / LOOK_CLOSER;
    }
    return transformed(decoded, 0, Math.min(MAX_UPSCALE, TARGET_LINE_HEIGHT / lineHeight), maxPixels);
  }

  /**
   * The page read in the turn orientation detection names (as it is when detection is not sure) and, unless that
   * reading is upright (see UPRIGHT_SHARE), turned each other quarter until one is: detection is wrong at times, most on
   * receipts and small text. The reading with the most confident words wins. Extra recognitions happen only then.
   */
  private async readUpright(page: Buffer, deadline: Deadline, session: ScanSession, maxPixels: number): Promise<Reading> {
    const detected = (await this.ocr.uprightTurn(page, deadline)) ?? 0;
    let decoded: Promise<Buffer> | undefined;
    const read = async (turn: number): Promise<Reading> => {
      const turned = turn === 0 ? page : await transformed(await (decoded ??= this.ocr.decoded(page, deadline)), turn, 1, maxPixels);
      return { page: turned, best: await this.ocr.recognize(turned, deadline, session.language ?? DEFAULT_OCR_LANGUAGE, 'columns') };
    };
    let best = await read(detected);
    for (const turn of TURNS) {
      if (isUpright(best.best)) break;
      if (turn === detected) continue;
      const next = await read(turn);
      if (next.best.confidentWords > best.best.confidentWords) best = next;
    }
    return best;
  }

  /**
   * The first page with enough text fixes the document's language, and a page read with another model is read again
   * with the detected one, whose reading is kept. Keeping the reading with the higher mean confidence instead kept the
   * English reading of two of eight held-out French, German and Spanish page images (pdfplumber, camelot, unstructured
   * PDFs at 150 dpi; word-F1 0.734 vs 0.751, 0.439 vs 0.587) and was never better on them or on seven pdf.js dev pages.
   */
  private async settleLanguage(page: Buffer, first: Recognised, deadline: Deadline, session: ScanSession): Promise<Recognised> {
    const detected = OCR_LANGUAGES[detectLanguage(first.text) as keyof typeof OCR_LANGUAGES] ?? null;
    if (!detected) return first;
    session.language = detected;
    if (detected === DEFAULT_OCR_LANGUAGE) return first;
    return this.ocr.recognize(page, deadline, detected, 'columns');
  }
}

function isLowResolution(image: Buffer): boolean {
  const { width, height } = imageSize(image);
  return Math.max(width, height) < LOW_RESOLUTION_SIDE;
}

function isUpright(read: Recognised): boolean {
  return read.confidentWords >= UPRIGHT_SHARE * read.words;
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
