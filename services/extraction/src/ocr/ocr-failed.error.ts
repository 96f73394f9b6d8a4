import { AppError } from '@docpipe/platform';

/** The engine itself failed (could not start, worker died): worth another attempt. */
export class OcrFailedError extends AppError {
  constructor(message: string, cause: unknown) {
    super('ocr_failed', message, { cause });
  }
}
