import { createWorker, OEM, PSM, type Page, type Paragraph, type Worker } from 'tesseract.js';
import { AppError, type Logger } from '@docpipe/platform';
import { ExtractionFailedError } from '../extraction.errors';
import type { Deadline } from '../limits';
import { OcrFailedError } from './ocr-failed.error';
import { OrientationDetector } from './orientation';
import { DEFAULT_OCR_LANGUAGE, ocrModelDir, type OcrLanguage } from './ocr-models';

// tesseract.js rejects with this string when Leptonica cannot decode the image; the worker stays usable.
const UNREADABLE_IMAGE = 'Error attempting to read image';

/**
 * A small pool of tesseract.js workers (each a thread with the wasm engine and the model loaded,
 * which takes a second to start) shared by every document this process extracts. A recognition that
 * outlives its document's deadline is stopped by terminating its worker; a fresh one replaces it.
 */
export interface Recognised {
  text: string;
  /** Words read. */
  words: number;
  /**
   * Words of three letters or more read with confidence CONFIDENT_WORD or more: a page read upright gives many, one read
   * turned few, however confident tesseract is of the few words it finds (its mean confidence can be 95 on a turned page).
   */
  confidentWords: number;
}

/** On the eval's page images a word read upright scores 90–96 mostly, a word of a page read upside down under 60. */
const CONFIDENT_WORD = 80;
const NOISE_LINE = 40;

/**
 * How tesseract divides a page before reading it. `columns` (its automatic page segmentation) finds columns and
 * blocks, so a two-column page is read column by column: on the eval's full-size two-column scans word-F1 0.952 /
 * 0.938 -> 0.990 / 0.969, bigram-F1 0.781 / 0.787 -> 0.977 / 0.962. `block` reads the page as one block of text:
 * its mean confidence tells a page read turned (16–28) from one upright, where `columns` can find a few confident
 * words in a turned page and score it 95.
 */
export type Segmentation = 'columns' | 'block';
const PAGE_SEGMENTATION: Record<Segmentation, PSM> = { columns: PSM.AUTO, block: PSM.SINGLE_BLOCK };

export class TesseractOcr {
  private readonly idle: Worker[] = [];
  /** The model each worker has loaded; a worker is replaced (about a second) when a page needs another. */
  private readonly languages = new WeakMap<Worker, OcrLanguage>();
  private readonly waiting: ((worker: Promise<Worker>) => void)[] = [];
  private started = 0;
  private readonly orientation: OrientationDetector;

  constructor(
    private readonly size: number,
    private readonly logger: Logger,
  ) {
    this.orientation = new OrientationDetector(logger);
  }

  /** Clockwise quarter turns (0, 90, 180, 270) that make a scanned page upright, or null when tesseract is not sure. */
  uprightTurn(image: Buffer, deadline: Deadline): Promise<number | null> {
    return this.orientation.uprightTurn(image, deadline);
  }

  /**
   * Text of one encoded image (PNG, JPEG, TIFF, WEBP, BMP) in `language`, its page divided as `segmentation` says.
   * Tesseract measures the skew of the text lines and straightens the page before recognising it.
   */
  async recognize(image: Buffer, deadline: Deadline, language: OcrLanguage, segmentation: Segmentation): Promise<Recognised> {
    // tesseract.js sets parameters given beside its own options for this one job and restores them after it.
    const options = { rotateAuto: true, tessedit_pageseg_mode: PAGE_SEGMENTATION[segmentation] };
    return this.withWorker(deadline, language, async (worker) => {
      const { data } = await deadline.race(worker.recognize(image, options, { text: true, blocks: true }));
      const paragraphs = (data.blocks ?? []).flatMap((block) => block.paragraphs);
      const words = paragraphs.flatMap((paragraph) => paragraph.lines.flatMap((line) => line.words));
      const confidentWords = words.filter((word) => word.confidence >= CONFIDENT_WORD && /\p{L}{3}/u.test(word.text)).length;
      const text = segmentation === 'columns' ? withoutNoise(paragraphs) : data.text;
      return { text, words: words.length, confidentWords };
    });
  }

  /**
   * Median thickness in pixels of the text lines tesseract's layout analysis finds (null without lines), without
   * recognising them: a tenth to a fifth of a recognition. Thickness is a line's shorter side, so a page turned
   * sideways measures the same.
   */
  async lineHeight(image: Buffer, deadline: Deadline): Promise<number | null> {
    return this.withWorker(deadline, null, async (worker) => {
      // tesseract.js analyses the layout only when no output asks for recognition; its types lack the result's field.
      // Straightened first, as for recognition: a skewed line's box is thicker than the line.
      const options = { rotateAuto: true, tessedit_pageseg_mode: PSM.AUTO };
      const { data } = await deadline.race(worker.recognize(image, options, { text: false, layoutBlocks: true }));
      const blocks = (data as Page & { layoutBlocks: Page['blocks'] }).layoutBlocks ?? [];
      const lines = blocks.flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines));
      return median(lines.map(({ bbox }) => Math.min(bbox.y1 - bbox.y0, bbox.x1 - bbox.x0)));
    });
  }

  /** The image decoded by Leptonica (which reads TIFF and more, where the canvas reads PNG, JPEG and WebP), as PNG. */
  async decoded(image: Buffer, deadline: Deadline): Promise<Buffer> {
    return this.withWorker(deadline, null, async (worker) => {
      const { data } = await deadline.race(worker.recognize(image, {}, { imageColor: true, text: false }));
      return Buffer.from(String(data.imageColor).replace(/^data:image\/png;base64,/, ''), 'base64');
    });
  }

  /** Runs `work` on a pooled worker with `language` loaded (any worker when null). */
  private async withWorker<T>(deadline: Deadline, language: OcrLanguage | null, work: (worker: Worker) => Promise<T>): Promise<T> {
    let worker = await this.acquireWithin(deadline);
    if (language && this.languages.get(worker) !== language) worker = await this.replace(worker, language, deadline);
    try {
      const result = await work(worker);
      this.release(worker);
      return result;
    } catch (error) {
      if (String(error).includes(UNREADABLE_IMAGE)) {
        this.release(worker);
        throw new ExtractionFailedError('corrupt_file', 'The image data cannot be decoded; re-export the image and upload it again.', {
          cause: error,
        });
      }
      this.discard(worker);
      throw error instanceof AppError ? error : new OcrFailedError(`OCR failed: ${String(error)}`, error);
    }
  }

  async close(): Promise<void> {
    const workers = this.idle.splice(0);
    await Promise.all([...workers.map((worker) => worker.terminate()), this.orientation.close()]);
  }

  /**
   * tesseract.js reloads a model only from the worker's one langPath, and each language ships in a
   * package of its own: a worker with another model is ended and one with `language` takes its slot.
   */
  private replace(worker: Worker, language: OcrLanguage, deadline: Deadline): Promise<Worker> {
    this.started--;
    worker.terminate().catch((error: unknown) => this.logger.warn({ err: error }, 'could not terminate an OCR worker'));
    return this.acquireWithin(deadline, this.start(language));
  }

  /** A worker handed over after the deadline passed goes back to the pool instead of leaking. */
  private async acquireWithin(deadline: Deadline, acquiring = this.acquire()): Promise<Worker> {
    try {
      return await deadline.race(acquiring);
    } catch (error) {
      acquiring.then(
        (worker) => this.release(worker),
        (startError: unknown) => this.logger.warn({ err: startError }, 'an OCR worker failed to start'),
      );
      throw error;
    }
  }

  private acquire(): Promise<Worker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    if (this.started < this.size) return this.start();
    return new Promise<Promise<Worker>>((resolve) => this.waiting.push(resolve)).then((next) => next);
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(Promise.resolve(worker));
    else this.idle.push(worker);
  }

  /** After a failure or a timeout the worker may be busy or broken: end it and let a new one take its slot. */
  private discard(worker: Worker): void {
    this.started--;
    worker.terminate().catch((error: unknown) => this.logger.warn({ err: error }, 'could not terminate an OCR worker'));
    const next = this.waiting.shift();
    if (next) next(this.start());
  }

  private start(language: OcrLanguage = DEFAULT_OCR_LANGUAGE): Promise<Worker> {
    this.started++;
    const startedAt = performance.now();
    return createWorker(language, OEM.LSTM_ONLY, {
      langPath: ocrModelDir(language),
      gzip: true,
      cacheMethod: 'none',
      errorHandler: (error: unknown) => this.logger.warn({ err: error }, 'OCR worker reported an error'),
    }).then(
      (worker) => {
        const durationMs = Math.round(performance.now() - startedAt);
        this.logger.info({ event: 'ocr.worker-started', language, durationMs }, 'OCR worker ready');
        this.languages.set(worker, language);
        return worker;
      },
      (error: unknown) => {
        this.started--;
        throw new OcrFailedError(`The OCR engine could not start: ${String(error)}`, error);
      },
    );
  }
}

/**
 * The page's text without the lines tesseract read with a mean confidence under NOISE_LINE: what it makes of rules,
 * pictures and line-number gutters (a column of "1 2 … 25" read as "NN HE FH EE"), which a page divided into columns
 * passes to recognition as text.
 */
function withoutNoise(paragraphs: Paragraph[]): string {
  return paragraphs
    .map((paragraph) =>
      paragraph.lines
        .filter((line) => line.confidence >= NOISE_LINE)
        .map((line) => line.text.trimEnd())
        .join('\n'),
    )
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
}
