import { AppError } from '@docpipe/platform';

/** A text-layer thread died or could not start while reading a PDF: worth another attempt. */
export class PdfWorkerFailedError extends AppError {
  constructor(message: string, cause: unknown) {
    super('pdf_worker_failed', message, { cause });
  }
}
