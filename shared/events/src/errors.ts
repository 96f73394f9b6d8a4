import { AppError } from '@docpipe/platform';

/** A message that is not a valid event of the queue's contracts. */
export class InvalidMessageError extends AppError {
  constructor(reason: string) {
    super('invalid_message', reason);
  }
}

/** A publish the broker did not confirm: the caller must treat the event as not sent. */
export class PublishError extends AppError {}
