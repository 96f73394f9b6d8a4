import { AppError } from '@docpipe/platform';

/** Thrown by a handler when trying again cannot help (corrupt file, unsupported type): no retries, straight to the DLQ. */
export class NonRetryableError extends AppError {}

/** A message that is not a valid event of the queue's contracts. */
export class InvalidMessageError extends AppError {
  constructor(reason: string) {
    super('invalid_message', reason);
  }
}

/** A publish the broker did not confirm: the caller must treat the event as not sent. */
export class PublishError extends AppError {}
