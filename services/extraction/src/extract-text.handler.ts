import { Inject, Injectable } from '@nestjs/common';
import {
  DocumentExtracted,
  DocumentProgressed,
  DocumentReprocessRequested,
  DocumentUploaded,
  EventPublisher,
  HandleEvents,
  announceStageFailure,
  queues,
  reasonToSkip,
  RpcClient,
  type Delivery,
  type Envelope,
} from '@docpipe/events';
import { LOGGER, type Logger, NonRetryableError } from '@docpipe/platform';
import { ExtractionService } from './extraction.service';

const stage = 'extraction';

/**
 * document.uploaded / document.reprocess-requested → document.extracted. Says when it starts, when
 * it will retry, and (document.failed) when it gives up: at once for a NonRetryableError, after the
 * queue's last attempt otherwise. A document cancelled or deleted meanwhile is left alone, without a word.
 */
@Injectable()
export class ExtractTextHandler {
  constructor(
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(ExtractionService) private readonly extraction: ExtractionService,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.extractText)
  async handle(event: Envelope<typeof DocumentUploaded | typeof DocumentReprocessRequested>, delivery: Delivery): Promise<void> {
    try {
      const skip = await reasonToSkip(this.rpc, { tenantId: event.tenantId, documentId: event.documentId });
      if (skip) {
        this.logger.info({ event: 'extraction.skipped', reason: skip }, 'the document was cancelled or deleted; not extracted');
        return;
      }
      await this.events.publish(DocumentProgressed, { stage, status: 'started', attempt: delivery.attempt });
      const { objectKey, mediaType } = event.payload;
      const result = await this.extraction.extract(
        { tenantId: event.tenantId, documentId: event.documentId, objectKey, mediaType },
        async (done, total) => {
          await this.events.publish(DocumentProgressed, { stage, status: 'progress', attempt: delivery.attempt, done, total });
        },
      );
      await this.events.publish(DocumentExtracted, {
        textKey: result.textKey,
        pages: result.text.pages.length,
        characters: result.characters,
        language: result.text.language,
        extractor: result.text.extractor,
      });
      this.logger.info(
        {
          event: DocumentExtracted.type,
          extractor: result.text.extractor.name,
          pages: result.text.pages.length,
          ocrPages: result.text.pages.filter((page) => page.ocr).length,
          characters: result.characters,
          language: result.text.language,
          thumbnailKey: result.thumbnailKey,
        },
        'document extracted',
      );
    } catch (error) {
      await this.report(error, delivery.attempt);
      throw error;
    }
  }

  private report(error: unknown, attempt: number): Promise<void> {
    return announceStageFailure(this.events, this.logger, {
      stage,
      queue: queues.extractText,
      error,
      attempt,
      defaultCode: 'extraction_failed',
      // The same bytes give the same answer; a transient failure that outlived the retries may pass later.
      retryable: !(error instanceof NonRetryableError),
    });
  }
}
