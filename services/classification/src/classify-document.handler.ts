import { Inject, Injectable } from '@nestjs/common';
import { DocumentClassified, DocumentExtracted, type Envelope } from '@docpipe/contracts';
import { EventPublisher, HandleEvents, queues, StageWorker, type Delivery, type StageSpec } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
import { ClassificationService } from './classification.service';

const spec: StageSpec = { stage: 'classification', queue: queues.classifyDocument, defaultCode: 'classification_failed' };

/** document.extracted → document.classified, the document's facts passed on; the stage worker does the rest. */
@Injectable()
export class ClassifyDocumentHandler {
  constructor(
    @Inject(StageWorker) private readonly worker: StageWorker,
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(ClassificationService) private readonly classification: ClassificationService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.classifyDocument)
  handle(event: Envelope<typeof DocumentExtracted>, delivery: Delivery): Promise<void> {
    return this.worker.run(spec, event, delivery, async (run) => {
      const { textKey } = event.payload;
      const result = await this.classification.classify(event.tenantId, textKey, await run.readText(textKey));
      await this.events.publish(DocumentClassified, { ...result, facts: event.payload.facts });
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
    });
  }
}
