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

/** The offline model file cannot be used with this configuration: fix the file or the taxonomy before starting. */
export class ClassifierModelError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('classifier_model_invalid', message, options);
  }
}
