import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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

type Change<T> = { from: T; to: T };
/** What an edit changed, as the document.edited timeline entry records it: only what differs. */
export interface DocumentEdits {
  documentType?: { from: string | null; to: string };
  tags?: Change<string[]>;
  title?: Change<string | null>;
}

const sameTags = (a: string[], b: string[]): boolean => a.length === b.length && a.every((tag, index) => tag === b[index]);

/**
 * A user's edit of type, tags and/or title, recorded in the timeline as document.edited with what changed. A
 * changed type is the user's word (confidence 1) and is announced as document.type-corrected in the same
 * transaction, so classification learns every correction that was recorded and none that was not.
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
    const { tenantId, documentId } = request;
    const { document, entry, retyped } = await this.dataSource.transaction(async (manager) => {
      const document = await lockLiveDocument(manager, tenantId, documentId);
      const edits = applyEdits(document, request);
      await manager.save(DocumentEntity, document);
      if (edits.documentType)
        await enqueueEvent(
          (sql, parameters) => manager.query(sql, parameters),
          DocumentTypeCorrected,
          { documentType: edits.documentType.to, previousType: edits.documentType.from, textKey: document.textKey },
          { tenantId, documentId },
        );
      const entry = Object.keys(edits).length > 0 ? await recordEdits(manager, document, edits) : null;
      return { document, entry, retyped: edits.documentType !== undefined };
    });
    if (retyped) this.outbox.wake();
    if (entry) await this.announce(entry, tenantId, documentId);
    return toDocumentView(document, await this.dataSource.manager.findBy(DocumentStageEntity, { documentId }));
  }

  /** For live views only: the edit is committed, and the timeline keeps the entry for a reader that missed this notice. */
  private async announce(entry: TimelineEntry, tenantId: string, documentId: string): Promise<void> {
    await this.publisher.publish(DocumentTimelineAppended, entry, { tenantId, documentId }).catch((error: unknown) => {
      this.logger.warn({ err: error, documentId, seq: entry.seq }, 'could not announce the edit to live views');
    });
  }
}

/** Sets what the request gives on the locked row and answers what really changed. */
function applyEdits(document: DocumentEntity, request: RequestOf<typeof CorrectDocument>): DocumentEdits {
  const edits: DocumentEdits = {};
  const { documentType, tags, title } = request;
  if (documentType !== undefined) {
    if (documentType !== document.documentType) edits.documentType = { from: document.documentType, to: documentType };
    document.documentType = documentType;
    document.confidence = 1;
    document.typeCorrectedAt = new Date();
  }
  if (tags !== undefined) {
    const unique = [...new Set(tags)];
    if (!sameTags(unique, document.tags)) edits.tags = { from: document.tags, to: unique };
    document.tags = unique;
  }
  if (title !== undefined && title !== document.title) {
    edits.title = { from: document.title, to: title };
    document.title = title;
  }
  return edits;
}

function recordEdits(manager: EntityManager, document: DocumentEntity, edits: DocumentEdits): Promise<TimelineEntry> {
  return appendTimelineEntry(manager, {
    documentId: document.id,
    eventId: randomUUID(),
    type: 'document.edited',
    stage: null,
    status: document.status,
    detail: { ...edits },
    occurredAt: new Date().toISOString(),
  });
}
