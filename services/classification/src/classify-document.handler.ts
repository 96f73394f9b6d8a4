import { Inject, Injectable } from '@nestjs/common';
import {
  DocumentClassified,
  DocumentExtracted,
  DocumentProgressed,
  EventPublisher,
  HandleEvents,
  objectKeys,
  announceStageFailure,
  queues,
  reasonToSkip,
  RpcClient,
  type Delivery,
  type Envelope,
} from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
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

  private report(error: unknown, attempt: number): Promise<void> {
    return announceStageFailure(this.events, this.logger, {
      stage,
      queue: queues.classifyDocument,
      error,
      attempt,
      defaultCode: 'classification_failed',
      // A reprocess extracts the text again and may meet a repaired engine; only a foreign key stays wrong.
      retryable: !(error instanceof ForeignTextKeyError),
    });
  }
}
