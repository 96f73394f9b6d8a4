import { dirname, join } from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { AppError, type Logger } from '@docpipe/platform';
import { ExtractionFailedError } from '../extraction.errors';
import type { Deadline } from '../limits';

/** English LSTM model shipped in the npm package; nothing is downloaded at run time. */
const LANG_PATH = join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');

/** The engine itself failed (could not start, worker died): worth another attempt. */
export class OcrFailedError extends AppError {
  constructor(message: string, cause: unknown) {
    super('ocr_failed', message, { cause });
  }
}

// tesseract.js rejects with this string when Leptonica cannot decode the image; the worker stays usable.
const UNREADABLE_IMAGE = 'Error attempting to read image';

/**
 * A small pool of tesseract.js workers (each a thread with the wasm engine and the model loaded,
 * which takes a second to start) shared by every document this process extracts. A recognition that
 * outlives its document's deadline is stopped by terminating its worker; a fresh one replaces it.
 */
export class TesseractOcr {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((worker: Promise<Worker>) => void)[] = [];
  private started = 0;

  constructor(
    private readonly size: number,
    private readonly logger: Logger,
  ) {}

  /** Text of one encoded image (PNG, JPEG, TIFF, WEBP, BMP). */
  async recognize(image: Buffer, deadline: Deadline): Promise<string> {
    const worker = await this.acquireWithin(deadline);
    try {
      const result = await deadline.race(worker.recognize(image));
      this.release(worker);
      return result.data.text;
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
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** A worker handed over after the deadline passed goes back to the pool instead of leaking. */
  private async acquireWithin(deadline: Deadline): Promise<Worker> {
    const acquiring = this.acquire();
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

  private start(): Promise<Worker> {
    this.started++;
    const startedAt = performance.now();
    return createWorker('eng', OEM.LSTM_ONLY, {
      langPath: LANG_PATH,
      gzip: true,
      cacheMethod: 'none',
      errorHandler: (error: unknown) => this.logger.warn({ err: error }, 'OCR worker reported an error'),
    }).then(
      (worker) => {
        this.logger.info({ event: 'ocr.worker-started', durationMs: Math.round(performance.now() - startedAt) }, 'OCR worker ready');
        return worker;
      },
      (error: unknown) => {
        this.started--;
        throw new OcrFailedError(`The OCR engine could not start: ${String(error)}`, error);
      },
    );
  }
}
