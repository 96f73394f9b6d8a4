import { Inject, Injectable } from '@nestjs/common';
import { DocumentClassified, DocumentIndexed, type Envelope } from '@docpipe/contracts';
import { EventPublisher, HandleEvents, queues, StageWorker, type Delivery, type StageSpec } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
import { IndexingService } from './indexing.service';

/**
 * document.classified → document.indexed, with the file name, tags and upload time the event carries; the stage
 * worker does the rest. A document stopped meanwhile keeps no chunks.
 */
@Injectable()
export class IndexDocumentHandler {
  private readonly spec: StageSpec = {
    stage: 'indexing',
    queue: queues.indexDocument,
    defaultCode: 'indexing_failed',
    // The chunks of an earlier run must not stay for a cancelled or deleted document.
    whenStopped: async ({ tenantId, documentId }) => void (await this.indexing.remove(tenantId, documentId)),
  };

  constructor(
    @Inject(StageWorker) private readonly worker: StageWorker,
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(IndexingService) private readonly indexing: IndexingService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.indexDocument)
  handle(event: Envelope<typeof DocumentClassified>, delivery: Delivery): Promise<void> {
    return this.worker.run(this.spec, event, delivery, async (run) => {
      const result = await this.indexing.indexDocument(event, run);
      if ('skipped' in result) {
        this.logger.info({ event: 'indexing.skipped', reason: result.skipped }, 'the document was cancelled or deleted; nothing indexed');
        return;
      }
      await this.events.publish(DocumentIndexed, result);
      this.logger.info({ event: DocumentIndexed.type, chunks: result.chunks, indexName: result.indexName }, 'document indexed');
    });
  }
}
