import { ExtractionFailedError } from './extraction.errors';

/** Bounds against decompression, page and pixel bombs; all come from the validated config. */
export interface ExtractionLimits {
  maxPages: number;
  maxTextBytes: number;
  maxImagePixels: number;
  maxArchiveBytes: number;
  maxArchiveEntries: number;
  timeoutMs: number;
}

export function assertPageCount(pages: number, limits: ExtractionLimits): void {
  if (pages > limits.maxPages) {
    throw new ExtractionFailedError(
      'too_many_pages',
      `The document has ${pages} pages; at most ${limits.maxPages} are extracted (MAX_PAGES). Split it and upload the parts.`,
    );
  }
}

export function assertImagePixels(width: number, height: number, limits: ExtractionLimits): void {
  if (width * height > limits.maxImagePixels) {
    throw new ExtractionFailedError(
      'image_too_large',
      `The image is ${width}×${height} pixels; at most ${limits.maxImagePixels} pixels are OCRed (MAX_IMAGE_PIXELS). Downscale it and upload it again.`,
    );
  }
}

/** Counts the decoded text of one document as it grows, page by page. */
export class TextBudget {
  private used = 0;

  constructor(private readonly maxBytes: number) {}

  /** Before decoding: input so large that its text cannot fit (UTF-16 halves at most). */
  assertInputFits(inputBytes: number): void {
    if (inputBytes > this.maxBytes * 2) throw this.exceeded(inputBytes);
  }

  spend(text: string): string {
    this.used += Buffer.byteLength(text, 'utf8');
    if (this.used > this.maxBytes) throw this.exceeded(this.used);
    return text;
  }

  private exceeded(bytes: number): ExtractionFailedError {
    return new ExtractionFailedError(
      'text_too_large',
      `The document holds more than ${this.maxBytes} bytes of text (MAX_TEXT_BYTES; at least ${bytes} seen). Split it and upload the parts.`,
    );
  }
}

/**
 * The time budget of one document. Extractors call check() between pages; race() makes the caller
 * give up on time even while a step is still running, and `signal` lets engines (OCR) stop their work.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly timeoutMs: number) {
    this.timer = setTimeout(() => this.controller.abort(this.timeoutError()), timeoutMs);
    this.timer.unref();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  check(): void {
    if (this.signal.aborted) throw this.timeoutError();
  }

  race<T>(work: Promise<T>): Promise<T> {
    this.check();
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.timeoutError());
      this.signal.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => this.signal.removeEventListener('abort', onAbort));
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private timeoutError(): ExtractionFailedError {
    return new ExtractionFailedError(
      'extraction_timeout',
      `Extraction took longer than ${this.timeoutMs} ms (EXTRACTION_TIMEOUT_MS); the document is too large or too complex to extract.`,
    );
  }
}
