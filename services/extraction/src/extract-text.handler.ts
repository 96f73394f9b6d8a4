import { Inject, Injectable } from '@nestjs/common';
import { DocumentExtracted, DocumentReprocessRequested, DocumentUploaded, type Envelope } from '@docpipe/contracts';
import { EventPublisher, HandleEvents, queues, retryableUnlessFinal, StageWorker, type Delivery, type StageSpec } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
import { ExtractionService } from './extraction.service';
import { factsAtRunStart } from './run-facts';

const spec: StageSpec = {
  stage: 'extraction',
  queue: queues.extractText,
  defaultCode: 'extraction_failed',
  retryable: retryableUnlessFinal,
};

/** document.uploaded / document.reprocess-requested → document.extracted with the document's facts; the stage worker does the rest. */
@Injectable()
export class ExtractTextHandler {
  constructor(
    @Inject(StageWorker) private readonly worker: StageWorker,
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(ExtractionService) private readonly extraction: ExtractionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.extractText)
  handle(event: Envelope<typeof DocumentUploaded | typeof DocumentReprocessRequested>, delivery: Delivery): Promise<void> {
    return this.worker.run(spec, event, delivery, async (run) => {
      const { objectKey, mediaType } = event.payload;
      const result = await this.extraction.extract(
        { tenantId: event.tenantId, documentId: event.documentId, objectKey, mediaType },
        (done, total) => run.progress(done, total),
      );
      await this.events.publish(DocumentExtracted, {
        textKey: result.textKey,
        pages: result.text.pages.length,
        characters: result.characters,
        language: result.text.language,
        extractor: result.text.extractor,
        facts: factsAtRunStart(event),
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
    });
  }
}
