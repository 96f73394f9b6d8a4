import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests, enqueueEvent, EventPublisher } from '@docpipe/events';
import {
  CorrectDocument,
  DocumentTimelineAppended,
  DocumentTypeCorrected,
  type DocumentView,
  type RequestOf,
  type TimelineEntry,
} from '@docpipe/contracts';
import { LOGGER, type Logger } from '@docpipe/platform';
import { DocumentStageEntity } from '../database/document-stage.entity';
import { DocumentEntity } from '../database/document.entity';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { appendTimelineEntry } from '../timeline/append-timeline-entry';
import { toDocumentView } from './document-view.mapper';
import { lockLiveDocument } from './find-live-document';

/**
 * A user's correction of type and/or tags. A changed type is the user's word (confidence 1), is announced as
 * document.type-corrected in the same transaction, so classification learns every correction that was recorded
 * and none that was not, and is kept in the document's timeline under that event's id.
 */
@Injectable()
export class CorrectDocumentHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @AnswerRequests(CorrectDocument)
  async correct(request: RequestOf<typeof CorrectDocument>): Promise<DocumentView> {
    const { tenantId, documentId, documentType, tags } = request;
    const { document, entry } = await this.dataSource.transaction(async (manager) => {
      const document = await lockLiveDocument(manager, tenantId, documentId);
      const previousType = document.documentType;
      if (documentType !== undefined) {
        document.documentType = documentType;
        document.confidence = 1;
        document.typeCorrectedAt = new Date();
      }
      if (tags !== undefined) document.tags = [...new Set(tags)];
      await manager.save(DocumentEntity, document);
      if (documentType === undefined || documentType === previousType) return { document, entry: undefined };
      const corrected = await enqueueEvent(
        (sql, parameters) => manager.query(sql, parameters),
        DocumentTypeCorrected,
        { documentType, previousType, textKey: document.textKey },
        { tenantId, documentId },
      );
      const entry = await appendTimelineEntry(manager, {
        documentId,
        eventId: corrected.id,
        type: DocumentTypeCorrected.type,
        stage: null,
        status: document.status,
        detail: { documentType, previousType },
        occurredAt: corrected.occurredAt,
      });
      return { document, entry };
    });
    if (entry) {
      this.outbox.wake();
      await this.announce(entry, tenantId, documentId);
    }
    return toDocumentView(document, await this.dataSource.manager.findBy(DocumentStageEntity, { documentId }));
  }

  /** For live views only: the correction is committed, and the timeline keeps the entry for a reader that missed this notice. */
  private async announce(entry: TimelineEntry, tenantId: string, documentId: string): Promise<void> {
    await this.publisher.publish(DocumentTimelineAppended, entry, { tenantId, documentId }).catch((error: unknown) => {
      this.logger.warn({ err: error, documentId, seq: entry.seq }, 'could not announce the type correction to live views');
    });
  }
}
