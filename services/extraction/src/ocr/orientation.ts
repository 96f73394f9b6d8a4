import { createWorker, OEM, type Worker } from 'tesseract.js';
import { AppError, type Logger } from '@docpipe/platform';
import type { Deadline } from '../limits';
import { ocrModelDir } from './ocr-models';
import { OcrFailedError } from './ocr-failed.error';

/**
 * Below this orientation confidence tesseract's guess is not trusted (upright pages score 10–25, pages turned
 * by 90/180/270 score 9–11 on the eval scans; near-empty pages and small text at ~85 dpi 0–2).
 */
const MIN_CONFIDENCE = 2;

/**
 * Tesseract's orientation and script detection (the legacy `osd` model from npm), on one worker of its
 * own that is started on first use: about 0.5 s a page against several seconds of recognition.
 * Calls are serialised; a call that outlives its deadline ends the worker and the next starts a new one.
 */
export class OrientationDetector {
  private worker: Promise<Worker> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly logger: Logger) {}

  /** Clockwise quarter turns (0, 90, 180, 270) that make the page upright, or null when tesseract is not sure. */
  async uprightTurn(image: Buffer, deadline: Deadline): Promise<number | null> {
    const run = this.queue.then(() => this.detect(image, deadline));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await (await worker).terminate();
  }

  private async detect(image: Buffer, deadline: Deadline): Promise<number | null> {
    const worker = await deadline.race(this.start());
    try {
      const { data } = await deadline.race(worker.detect(image));
      if (data.orientation_degrees === null || (data.orientation_confidence ?? 0) < MIN_CONFIDENCE) return null;
      // Tesseract reports the clockwise turn that makes the page upright (a page turned left reports 90).
      return data.orientation_degrees;
    } catch (error) {
      this.worker = null;
      worker.terminate().catch((endError: unknown) => this.logger.warn({ err: endError }, 'could not terminate the OSD worker'));
      throw error instanceof AppError ? error : new OcrFailedError(`Orientation detection failed: ${String(error)}`, error);
    }
  }

  private start(): Promise<Worker> {
    this.worker ??= createWorker('osd', OEM.TESSERACT_ONLY, {
      langPath: ocrModelDir('osd'),
      legacyCore: true,
      legacyLang: true,
      gzip: true,
      cacheMethod: 'none',
    });
    const starting = this.worker;
    starting.catch(() => {
      if (this.worker === starting) this.worker = null;
    });
    return starting.catch((error: unknown) => {
      throw new OcrFailedError(`The orientation detector could not start: ${String(error)}`, error);
    });
  }
}
