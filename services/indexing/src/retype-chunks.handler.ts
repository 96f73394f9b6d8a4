import { Inject, Injectable } from '@nestjs/common';
import { DocumentTypeCorrected, type Envelope } from '@docpipe/contracts';
import { HandleEvents, queues } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
import { IndexingService } from './indexing.service';

/**
 * Sets a user's corrected type on the document's chunks, so search filters and facets show the user's type and not
 * the classifier's. Setting the same type again changes nothing, so a redelivery is harmless.
 */
@Injectable()
export class RetypeChunksHandler {
  constructor(
    @Inject(IndexingService) private readonly indexing: IndexingService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.retypeChunks)
  async handle(event: Envelope<typeof DocumentTypeCorrected>): Promise<void> {
    const { documentType } = event.payload;
    const chunks = await this.indexing.retype(event.tenantId, event.documentId, documentType);
    this.logger.info(
      { event: 'indexing.chunks-retyped', documentType, chunks },
      chunks === 0 ? 'the document has no chunks in the index yet: nothing to retype' : 'set the corrected type on the chunks',
    );
  }
}
