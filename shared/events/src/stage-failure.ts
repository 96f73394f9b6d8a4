import { AppError, errorMessage, type Logger, NonRetryableError } from '@docpipe/platform';
import { DocumentFailed, DocumentProgressed, type Stage } from '@docpipe/contracts';
import type { EventPublisher } from './publisher';
import { retryDelays, type QueueSpec } from './topology';

export interface StageFailure {
  stage: Stage;
  /** The queue the worker consumes: its retry policy decides whether this was the last attempt. */
  queue: QueueSpec;
  error: unknown;
  attempt: number;
  /** The code when the error carries none of its own (an AppError's code wins). */
  defaultCode: string;
  /** Whether a reprocess may succeed once the stage has given up. */
  retryable: boolean;
}

/**
 * Announces a worker's failed attempt, beside what the consumer does with the message: `document.failed` when
 * the stage gives up (a NonRetryableError, or the queue's last attempt), otherwise `document.progressed` retrying
 * with the earliest time of the next try (retry jitter may add up to half the wait). A failed publish is logged,
 * not thrown: the handler's own error decides between retry and dead letter.
 */
export async function announceStageFailure(publisher: EventPublisher, logger: Logger, failure: StageFailure): Promise<void> {
  const { stage, queue, error, attempt } = failure;
  const reason = errorMessage(error);
  try {
    if (error instanceof NonRetryableError || attempt >= queue.retry.maxAttempts) {
      const code = error instanceof AppError ? error.code : failure.defaultCode;
      await publisher.publish(DocumentFailed, { stage, code, reason, retryable: failure.retryable, attempts: attempt });
      return;
    }
    const nextAttemptAt = new Date(Date.now() + (retryDelays(queue.retry)[attempt - 1] ?? 0)).toISOString();
    await publisher.publish(DocumentProgressed, { stage, status: 'retrying', attempt, reason, nextAttemptAt });
  } catch (publishError) {
    logger.error({ err: publishError, cause: reason }, `could not announce the failure of ${stage}`);
  }
}
