import { Inject, Injectable } from '@nestjs/common';
import { DocumentDeleted, objectKeys, type Envelope } from '@docpipe/contracts';
import { HandleEvents, queues } from '@docpipe/events';
import { LOGGER, type Logger, NonRetryableError } from '@docpipe/platform';
import { ObjectStore } from '@docpipe/storage';

/** Removes a deleted document's original and everything derived from it; replays are harmless. */
@Injectable()
export class RemoveOriginalHandler {
  constructor(
    @Inject(ObjectStore) private readonly store: ObjectStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.removeOriginal)
  async handle(event: Envelope<typeof DocumentDeleted>): Promise<void> {
    const { tenantId, documentId, payload } = event;
    // Only ever within the tenant's own originals, whatever the event says.
    if (!payload.objectKey.startsWith(objectKeys.original(tenantId, ''))) {
      throw new NonRetryableError('foreign_object_key', `${payload.objectKey} is not an original of tenant ${tenantId}`);
    }
    await this.store.remove(payload.objectKey);
    const derived = await this.store.removePrefix(objectKeys.derivedPrefix(tenantId, documentId));
    this.logger.info({ event: 'ingestion.original-removed', derived }, 'removed the original and derived blobs');
  }
}
