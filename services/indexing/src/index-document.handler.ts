import { Inject, Injectable } from '@nestjs/common';
import {
  DocumentClassified,
  DocumentFailed,
  DocumentIndexed,
  DocumentProgressed,
  EventPublisher,
  HandleEvents,
  NonRetryableError,
  objectKeys,
  queues,
  retryDelays,
  type Delivery,
  type Envelope,
  type SkipReason,
} from '@docpipe/events';
import { AppError, errorMessage, LOGGER, type Logger } from '@docpipe/platform';
import { ForeignTextKeyError } from './errors';
import { IndexingService } from './indexing.service';

const stage = 'indexing';

/**
 * document.classified → document.indexed. Says when it starts, how many chunks are embedded, when it will
 * retry, and (document.failed) when it gives up: at once for a NonRetryableError, after the queue's last attempt otherwise.
 * A document cancelled or deleted meanwhile is left alone, without a word, and keeps no chunks.
 */
@Injectable()
export class IndexDocumentHandler {
  constructor(
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(IndexingService) private readonly indexing: IndexingService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.indexDocument)
  async handle(event: Envelope<typeof DocumentClassified>, delivery: Delivery): Promise<void> {
    const attempt = delivery.attempt;
    try {
      const { textKey } = event.payload;
      if (!textKey.startsWith(objectKeys.derivedPrefix(event.tenantId, event.documentId)))
        throw new ForeignTextKeyError(textKey, event.tenantId);
      const described = await this.indexing.describe(event.tenantId, event.documentId);
      if ('skipped' in described) return this.skipped(described.skipped);
      await this.events.publish(DocumentProgressed, { stage, status: 'started', attempt });
      const result = await this.indexing.indexDocument(event, described.document, (done, total) =>
        this.events.publish(DocumentProgressed, { stage, status: 'progress', attempt, done, total }).then(() => undefined),
      );
      if ('skipped' in result) return this.skipped(result.skipped);
      await this.events.publish(DocumentIndexed, result);
      this.logger.info({ event: DocumentIndexed.type, chunks: result.chunks, indexName: result.indexName }, 'document indexed');
    } catch (error) {
      await this.report(error, attempt);
      throw error;
    }
  }

  private skipped(reason: SkipReason): void {
    this.logger.info({ event: 'indexing.skipped', reason }, 'the document was cancelled or deleted; nothing indexed');
  }

  private async report(error: unknown, attempt: number): Promise<void> {
    const { retry } = queues.indexDocument;
    const final = error instanceof NonRetryableError || attempt >= retry.maxAttempts;
    try {
      if (final) {
        await this.events.publish(DocumentFailed, {
          stage,
          code: error instanceof AppError ? error.code : 'indexing_failed',
          reason: errorMessage(error),
          // A reprocess extracts the text again and may meet a repaired index or embedder; only a foreign key stays wrong.
          retryable: !(error instanceof ForeignTextKeyError),
          attempts: attempt,
        });
        return;
      }
      const nextAttemptAt = new Date(Date.now() + retryDelays(retry)[attempt - 1]).toISOString();
      await this.events.publish(DocumentProgressed, { stage, status: 'retrying', attempt, reason: errorMessage(error), nextAttemptAt });
    } catch (publishError) {
      // The handler's own error decides retry or dead letter; this one is only logged beside it.
      this.logger.error({ err: publishError, cause: errorMessage(error) }, 'could not publish the failure of the indexing');
    }
  }
}
