import type { EntityManager } from 'typeorm';
import type { DocumentStatus, Stage, TimelineEntry } from '@docpipe/contracts';
import type { TimelineEntryEntity } from '../database/timeline-entry.entity';
import { toTimelineEntry } from './timeline-entry.mapper';

export interface NewTimelineEntry {
  documentId: string;
  /** The event applied, or a fresh id for what metadata itself decided (cancel, stall). */
  eventId: string;
  type: string;
  stage: Stage | null;
  status: DocumentStatus;
  detail: object;
  occurredAt: string;
}

/** Appends the document's next entry; call inside the transaction that holds the document's row lock. */
export async function appendTimelineEntry(manager: EntityManager, entry: NewTimelineEntry): Promise<TimelineEntry> {
  // The document row lock held by this transaction makes max(seq) + 1 safe from concurrent writers.
  const [appended] = (await manager.query(
    `INSERT INTO document_timeline (document_id, seq, event_id, type, stage, status, detail, occurred_at)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6::jsonb, $7 FROM document_timeline WHERE document_id = $1
     RETURNING seq, type, stage, status, detail, occurred_at AS "occurredAt"`,
    [entry.documentId, entry.eventId, entry.type, entry.stage, entry.status, JSON.stringify(entry.detail), entry.occurredAt],
  )) as TimelineEntryEntity[];
  return toTimelineEntry(appended);
}
