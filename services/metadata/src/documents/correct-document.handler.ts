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
/** What an edit changed besides the type, as the document.edited timeline entry records it: only what differs. */
export interface DocumentEdits {
  tags?: Change<string[]>;
  title?: Change<string | null>;
  note?: Change<string | null>;
}

const sameTags = (a: string[], b: string[]): boolean => a.length === b.length && a.every((tag, index) => tag === b[index]);

/**
 * A user's edit of type, tags, title and/or note. A changed type is the user's word (confidence 1), is announced as
 * document.type-corrected in the same transaction, so classification learns every correction that was recorded
 * and none that was not, and is kept in the document's timeline under that event's id. Changed tags, title or note
 * are kept in the timeline as one document.edited entry with what changed; an edit that changes nothing adds none.
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
    const { document, entries, retyped } = await this.dataSource.transaction(async (manager) => {
      const document = await lockLiveDocument(manager, tenantId, documentId);
      const previousType = document.documentType;
      const retyped = setType(document, request.documentType);
      const edits = applyEdits(document, request);
      await manager.save(DocumentEntity, document);
      const entries: TimelineEntry[] = [];
      if (retyped) entries.push(await recordTypeCorrection(manager, document, previousType));
      if (Object.keys(edits).length > 0) entries.push(await recordEdits(manager, document, edits));
      return { document, entries, retyped };
    });
    if (retyped) this.outbox.wake();
    for (const entry of entries) await this.announce(entry, tenantId, documentId);
    return toDocumentView(document, await this.dataSource.manager.findBy(DocumentStageEntity, { documentId }));
  }

  /** For live views only: the edit is committed, and the timeline keeps the entry for a reader that missed this notice. */
  private async announce(entry: TimelineEntry, tenantId: string, documentId: string): Promise<void> {
    await this.publisher.publish(DocumentTimelineAppended, entry, { tenantId, documentId }).catch((error: unknown) => {
      this.logger.warn({ err: error, documentId, seq: entry.seq, type: entry.type }, 'could not announce the edit to live views');
    });
  }
}

/** Sets the user's type on the locked row; answers whether it differs from the type it had. */
function setType(document: DocumentEntity, documentType: string | undefined): boolean {
  if (documentType === undefined) return false;
  const changed = documentType !== document.documentType;
  document.documentType = documentType;
  document.confidence = 1;
  document.typeCorrectedAt = new Date();
  return changed;
}

/** Sets the tags, title and note the request gives on the locked row and answers what really changed. */
function applyEdits(document: DocumentEntity, request: RequestOf<typeof CorrectDocument>): DocumentEdits {
  const edits: DocumentEdits = {};
  const { tags, title, note } = request;
  if (tags !== undefined) {
    const unique = [...new Set(tags)];
    if (!sameTags(unique, document.tags)) edits.tags = { from: document.tags, to: unique };
    document.tags = unique;
  }
  if (title !== undefined && title !== document.title) {
    edits.title = { from: document.title, to: title };
    document.title = title;
  }
  if (note !== undefined && note !== document.note) {
    edits.note = { from: document.note, to: note };
    document.note = note;
  }
  return edits;
}

async function recordTypeCorrection(manager: EntityManager, document: DocumentEntity, previousType: string | null): Promise<TimelineEntry> {
  const documentType = document.documentType as string;
  const corrected = await enqueueEvent(
    (sql, parameters) => manager.query(sql, parameters),
    DocumentTypeCorrected,
    { documentType, previousType, textKey: document.textKey },
    { tenantId: document.tenantId, documentId: document.id },
  );
  return appendTimelineEntry(manager, {
    documentId: document.id,
    eventId: corrected.id,
    type: DocumentTypeCorrected.type,
    stage: null,
    status: document.status,
    detail: { documentType, previousType },
    occurredAt: corrected.occurredAt,
  });
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
