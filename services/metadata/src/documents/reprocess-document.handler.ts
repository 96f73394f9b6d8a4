import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { DocumentReprocessRequested, ReprocessDocument, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { reprocess } from './document-lifecycle';
import { saveTransition } from './document-state';
import { OriginalNotStoredError } from './original-not-stored.error';
import { lockLiveDocument } from './find-live-document';

/**
 * Queues a document again (after a failure, a cancel or an upgrade) and enqueues document.reprocess-requested in
 * the same transaction: a worker that checks the status on receiving the event never sees the old `cancelled`.
 * Track-status applies the event as well (same reset) and puts it on the timeline.
 */
@Injectable()
export class ReprocessDocumentHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(ReprocessDocument)
  async reprocess(request: RequestOf<typeof ReprocessDocument>): Promise<ResponseOf<typeof ReprocessDocument>> {
    const { tenantId, documentId } = request;
    await this.dataSource.transaction(async (manager) => {
      const document = await lockLiveDocument(manager, tenantId, documentId);
      if (document.status === 'received' || document.status === 'rejected') throw new OriginalNotStoredError(documentId, document.status);
      await saveTransition(manager, document, reprocess());
      // A document already queued keeps its status (the trigger does not fire): its clock and stall report restart here.
      await manager.query('UPDATE documents SET status_since = now(), stalled_stage = NULL, stalled_budget_seconds = NULL WHERE id = $1', [
        documentId,
      ]);
      const { objectKey, mediaType, fileName, tags, createdAt } = document;
      await enqueueEvent(
        (sql, parameters) => manager.query(sql, parameters),
        DocumentReprocessRequested,
        { objectKey, mediaType, fileName, tags, uploadedAt: createdAt.toISOString() },
        { tenantId, documentId },
      );
    });
    this.outbox.wake();
    return { documentId, status: 'queued' };
  }
}
