import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests, EventPublisher } from '@docpipe/events';
import {
  CancelDocument,
  DocumentCancelRequested,
  DocumentTimelineAppended,
  type DocumentView,
  type RequestOf,
  type TimelineEntry,
} from '@docpipe/contracts';
import { LOGGER, type Logger } from '@docpipe/platform';
import { DocumentStageEntity } from '../database/document-stage.entity';
import { appendTimelineEntry } from '../timeline/append-timeline-entry';
import { cancel, finishedStatuses } from './document-lifecycle';
import { DocumentFinishedError } from './document-finished.error';
import { loadState, saveTransition } from './document-state';
import { toDocumentView } from './document-view.mapper';
import { findLiveDocument, lockLiveDocument } from './find-live-document';

/**
 * Cancels a document still in progress. Track-status ignores the late results of work already in flight for a
 * cancelled document, and document.cancel-requested tells every worker process, which then leaves the runs
 * started before the cancel alone (no worker asks metadata); only a reprocess starts the document again.
 */
@Injectable()
export class CancelDocumentHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @AnswerRequests(CancelDocument)
  async cancel(request: RequestOf<typeof CancelDocument>): Promise<DocumentView> {
    const { tenantId, documentId } = request;
    const { entry, at } = await this.dataSource.transaction(async (manager) => {
      const document = await lockLiveDocument(manager, tenantId, documentId);
      if (finishedStatuses.has(document.status)) throw new DocumentFinishedError(documentId, document.status);
      // Taken under the row lock: a reprocess, which takes the same lock, is always later.
      const at = new Date();
      const transition = cancel(await loadState(manager, document), at);
      await saveTransition(manager, document, transition);
      const appended = await appendTimelineEntry(manager, {
        documentId,
        eventId: randomUUID(),
        type: 'document.cancelled',
        stage: transition.stage,
        status: transition.status,
        detail: { stage: transition.stage, previousStatus: document.status },
        occurredAt: at.toISOString(),
      });
      return { entry: appended, at };
    });
    await this.tellWorkers(at, tenantId, documentId);
    await this.announce(entry, tenantId, documentId);
    const document = await findLiveDocument(this.dataSource.manager, tenantId, documentId);
    return toDocumentView(document, await this.dataSource.manager.findBy(DocumentStageEntity, { documentId }));
  }

  /**
   * Published at once rather than through the outbox: it is a live notice (no durable queue binds it), and the
   * status already holds the cancel. A worker that does not hear it runs the document, whose result changes nothing.
   */
  private async tellWorkers(at: Date, tenantId: string, documentId: string): Promise<void> {
    await this.publisher
      .publish(DocumentCancelRequested, { cancelledAt: at.toISOString() }, { tenantId, documentId })
      .catch((error: unknown) => {
        this.logger.warn({ err: error, documentId }, 'could not tell the workers of the cancel; work in flight will finish unheeded');
      });
  }

  /** For live views only: the cancel is committed, and the timeline keeps the entry for a reader that missed this notice. */
  private async announce(entry: TimelineEntry, tenantId: string, documentId: string): Promise<void> {
    await this.publisher.publish(DocumentTimelineAppended, entry, { tenantId, documentId }).catch((error: unknown) => {
      this.logger.warn({ err: error, documentId, seq: entry.seq }, 'could not announce the cancel to live views');
    });
  }
}
