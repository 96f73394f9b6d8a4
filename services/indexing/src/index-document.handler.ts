import { Inject, Injectable } from '@nestjs/common';
import {
  DocumentClassified,
  DocumentIndexed,
  DocumentProgressed,
  EventPublisher,
  HandleEvents,
  objectKeys,
  announceStageFailure,
  queues,
  type Delivery,
  type Envelope,
  type SkipReason,
} from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
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

  private report(error: unknown, attempt: number): Promise<void> {
    return announceStageFailure(this.events, this.logger, {
      stage,
      queue: queues.indexDocument,
      error,
      attempt,
      defaultCode: 'indexing_failed',
      // A reprocess extracts the text again and may meet a repaired index or embedder; only a foreign key stays wrong.
      retryable: !(error instanceof ForeignTextKeyError),
    });
  }
}
