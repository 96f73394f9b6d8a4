import { Inject, Injectable } from '@nestjs/common';
import {
  DocumentExtracted,
  DocumentFailed,
  DocumentProgressed,
  DocumentReprocessRequested,
  DocumentUploaded,
  EventPublisher,
  HandleEvents,
  NonRetryableError,
  queues,
  reasonToSkip,
  retryDelays,
  RpcClient,
  type Delivery,
  type Envelope,
} from '@docpipe/events';
import { AppError, errorMessage, LOGGER, type Logger } from '@docpipe/platform';
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
        },
        'document extracted',
      );
    } catch (error) {
      await this.report(error, delivery.attempt);
      throw error;
    }
  }

  private async report(error: unknown, attempt: number): Promise<void> {
    const { retry } = queues.extractText;
    const permanent = error instanceof NonRetryableError;
    try {
      if (permanent || attempt >= retry.maxAttempts) {
        await this.events.publish(DocumentFailed, {
          stage,
          code: error instanceof AppError ? error.code : 'extraction_failed',
          reason: errorMessage(error),
          // The same bytes give the same answer; a transient failure that outlived the retries may pass later.
          retryable: !permanent,
          attempts: attempt,
        });
        return;
      }
      const nextAttemptAt = new Date(Date.now() + retryDelays(retry)[attempt - 1]).toISOString();
      await this.events.publish(DocumentProgressed, { stage, status: 'retrying', attempt, reason: errorMessage(error), nextAttemptAt });
    } catch (publishError) {
      // The handler's own error decides retry or dead letter; this one is only logged beside it.
      this.logger.error({ err: publishError, cause: errorMessage(error) }, 'could not publish the failure of the extraction');
    }
  }
}
