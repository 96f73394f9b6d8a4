import { Inject, Injectable } from '@nestjs/common';
import {
  DocumentClassified,
  DocumentExtracted,
  DocumentFailed,
  DocumentProgressed,
  EventPublisher,
  HandleEvents,
  NonRetryableError,
  objectKeys,
  queues,
  reasonToSkip,
  retryDelays,
  RpcClient,
  type Delivery,
  type Envelope,
} from '@docpipe/events';
import { AppError, errorMessage, LOGGER, type Logger } from '@docpipe/platform';
import { ClassificationService } from './classification.service';
import { ForeignTextKeyError } from './errors';

const stage = 'classification';

/**
 * document.extracted → document.classified. Says when it starts, when it will retry, and
 * (document.failed) when it gives up: at once for a NonRetryableError, after the queue's last attempt otherwise.
 * A document cancelled or deleted meanwhile is left alone, without a word.
 */
@Injectable()
export class ClassifyDocumentHandler {
  constructor(
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(ClassificationService) private readonly classification: ClassificationService,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.classifyDocument)
  async handle(event: Envelope<typeof DocumentExtracted>, delivery: Delivery): Promise<void> {
    try {
      const skip = await reasonToSkip(this.rpc, { tenantId: event.tenantId, documentId: event.documentId });
      if (skip) {
        this.logger.info({ event: 'classification.skipped', reason: skip }, 'the document was cancelled or deleted; not classified');
        return;
      }
      await this.events.publish(DocumentProgressed, { stage, status: 'started', attempt: delivery.attempt });
      const { textKey } = event.payload;
      if (!textKey.startsWith(objectKeys.derivedPrefix(event.tenantId, event.documentId)))
        throw new ForeignTextKeyError(textKey, event.tenantId);
      const result = await this.classification.classify(textKey);
      await this.events.publish(DocumentClassified, result);
      this.logger.info(
        {
          event: DocumentClassified.type,
          documentType: result.documentType,
          confidence: result.confidence,
          fields: Object.keys(result.fields),
          classifier: result.classifier,
        },
        'document classified',
      );
    } catch (error) {
      await this.report(error, delivery.attempt);
      throw error;
    }
  }

  private async report(error: unknown, attempt: number): Promise<void> {
    const { retry } = queues.classifyDocument;
    const final = error instanceof NonRetryableError || attempt >= retry.maxAttempts;
    try {
      if (final) {
        await this.events.publish(DocumentFailed, {
          stage,
          code: error instanceof AppError ? error.code : 'classification_failed',
          reason: errorMessage(error),
          // A reprocess extracts the text again and may meet a repaired engine; only a foreign key stays wrong.
          retryable: !(error instanceof ForeignTextKeyError),
          attempts: attempt,
        });
        return;
      }
      const nextAttemptAt = new Date(Date.now() + retryDelays(retry)[attempt - 1]).toISOString();
      await this.events.publish(DocumentProgressed, { stage, status: 'retrying', attempt, reason: errorMessage(error), nextAttemptAt });
    } catch (publishError) {
      // The handler's own error is what decides retry or dead letter; this one is only logged beside it.
      this.logger.error({ err: publishError, cause: errorMessage(error) }, 'could not publish the failure of the classification');
    }
  }
}
