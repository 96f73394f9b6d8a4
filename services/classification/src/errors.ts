import { AppError, NonRetryableError } from '@docpipe/platform';

/** The classifying engine cannot answer for now (timeout, server error, unreachable): retried later. */
export class ClassifierUnavailableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('classifier_unavailable', message, options);
  }
}

/** The engine refused the request (unknown model, bad request): retrying cannot help until it is set up. */
export class ClassifierRejectedError extends NonRetryableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('classifier_rejected', message, options);
  }
}

/** The text blob is there but is not what extraction writes. */
export class InvalidExtractedTextError extends NonRetryableError {
  constructor(key: string, reason: string) {
    super('invalid_extracted_text', `The extracted text at ${key} is not valid (${reason}); reprocess the document to extract it again`);
  }
}

/** An event may only point at its own tenant's blobs. */
export class ForeignTextKeyError extends NonRetryableError {
  constructor(key: string, tenantId: string) {
    super('text_key_outside_tenant', `textKey ${key} is not under tenant ${tenantId}'s derived/ prefix; the event is refused`);
  }
}

/** The offline model file cannot be used with this configuration: fix the file or the taxonomy before starting. */
export class ClassifierModelError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('classifier_model_invalid', message, options);
  }
}
