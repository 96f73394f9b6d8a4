import { Inject, Injectable } from '@nestjs/common';
import { DocumentDeleted, type Envelope } from '@docpipe/contracts';
import { HandleEvents, queues, StopMarks } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
import { IndexingService } from './indexing.service';

/**
 * Removes a deleted document's chunks from the search index; replays remove nothing more. The delete is marked
 * first, so an indexing run of this process that writes after this removal finds the mark and removes its chunks.
 */
@Injectable()
export class RemoveFromIndexHandler {
  constructor(
    @Inject(IndexingService) private readonly indexing: IndexingService,
    @Inject(StopMarks) private readonly marks: StopMarks,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.removeFromIndex)
  async handle(event: Envelope<typeof DocumentDeleted>): Promise<void> {
    this.marks.deleted(event);
    const removed = await this.indexing.remove(event.tenantId, event.documentId);
    this.logger.info({ event: 'indexing.document-removed', chunks: removed }, 'removed the document from the search index');
  }
}
