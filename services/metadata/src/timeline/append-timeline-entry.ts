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
  const [appended] = await appendTimelineEntries(manager, [entry]);
  return appended.entry;
}

/**
 * Appends entries in one statement, each document's in the order given after its existing ones; call inside the
 * transaction that holds the row locks of their documents. Answers each entry with the event it records.
 */
export async function appendTimelineEntries(
  manager: EntityManager,
  entries: readonly NewTimelineEntry[],
): Promise<{ eventId: string; entry: TimelineEntry }[]> {
  if (entries.length === 0) return [];
  const position = new Map<string, number>();
  const rank = entries.map((entry) => {
    const next = (position.get(entry.documentId) ?? 0) + 1;
    position.set(entry.documentId, next);
    return next;
  });
  // The documents' row locks held by this transaction make max(seq) + n safe from concurrent writers.
  const appended = (await manager.query(
    `INSERT INTO document_timeline (document_id, seq, event_id, type, stage, status, detail, occurred_at)
     SELECT e.document_id, coalesce(last.seq, 0) + e.rank, e.event_id, e.type, e.stage, e.status, e.detail::jsonb, e.occurred_at
     FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
       AS e(document_id, rank, event_id, type, stage, status, detail, occurred_at)
     LEFT JOIN (SELECT document_id, max(seq) AS seq FROM document_timeline WHERE document_id = ANY($1::uuid[]) GROUP BY document_id) last
       USING (document_id)
     RETURNING event_id AS "eventId", seq, type, stage, status, detail, occurred_at AS "occurredAt"`,
    [
      entries.map((entry) => entry.documentId),
      rank,
      entries.map((entry) => entry.eventId),
      entries.map((entry) => entry.type),
      entries.map((entry) => entry.stage),
      entries.map((entry) => entry.status),
      entries.map((entry) => JSON.stringify(entry.detail)),
      entries.map((entry) => entry.occurredAt),
    ],
  )) as (TimelineEntryEntity & { eventId: string })[];
  return appended.map((row) => ({ eventId: row.eventId, entry: toTimelineEntry(row) }));
}
