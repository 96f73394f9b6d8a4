import { Inject, Injectable } from '@nestjs/common';
import { DocumentDeleted, HandleEvents, queues, type Envelope } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
import { IndexingService } from './indexing.service';

/** Removes a deleted document's chunks from the search index; replays remove nothing more. */
@Injectable()
export class RemoveFromIndexHandler {
  constructor(
    @Inject(IndexingService) private readonly indexing: IndexingService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.removeFromIndex)
  async handle(event: Envelope<typeof DocumentDeleted>): Promise<void> {
    const removed = await this.indexing.remove(event.tenantId, event.documentId);
    this.logger.info({ event: 'indexing.document-removed', chunks: removed }, 'removed the document from the search index');
  }
}
