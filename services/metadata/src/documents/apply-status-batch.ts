import { In, type EntityManager } from 'typeorm';
import { claimEvents, queues } from '@docpipe/events';
import type { TimelineEntry } from '@docpipe/contracts';
import type { Logger } from '@docpipe/platform';
import { DocumentEntity } from '../database/document.entity';
import { TimelineEntryEntity } from '../database/timeline-entry.entity';
import { appendTimelineEntries, type NewTimelineEntry } from '../timeline/append-timeline-entry';
import { toTimelineEntry } from '../timeline/timeline-entry.mapper';
import { loadState, saveTransition } from './document-state';
import { coalesceProgress, foldEvents } from './event-batch';
import type { TrackedEvent } from './tracked-event';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Per event id: the timeline entry it appended (or appended in an earlier delivery), null when it appended none. */
export type BatchOutcome = Map<string, TimelineEntry | null>;

/**
 * Applies a batch of events inside the caller's transaction: the inbox claims, the documents' row locks (taken in id
 * order, so concurrent batches never deadlock), their state, and one timeline entry per applied event. A document's
 * superseded progress ticks are claimed but append nothing; an event already applied changes nothing and answers
 * its existing entry, so a redelivery announces it again.
 */
export async function applyStatusBatch(manager: EntityManager, events: readonly TrackedEvent[], logger: Logger): Promise<BatchOutcome> {
  const outcome: BatchOutcome = new Map();
  const run = (sql: string, parameters: unknown[]) => manager.query(sql, parameters) as Promise<unknown[]>;
  const claimed = await claimEvents(
    run,
    queues.trackStatus.name,
    events.map((event) => event.id),
  );
  const fresh = events.filter((event) => claimed.delete(event.id));
  await answerApplied(
    manager,
    events.filter((event) => !fresh.includes(event)),
    outcome,
  );
  const { applied, superseded } = coalesceProgress(fresh);
  for (const event of superseded) outcome.set(event.id, null);

  const documents = await lockDocuments(manager, applied);
  const entries: NewTimelineEntry[] = [];
  const now = new Date();
  for (const [documentId, documentEvents] of groupByDocument(applied)) {
    const document = documents.get(documentId);
    const known = documentEvents.filter((event) => document?.tenantId === event.tenantId);
    for (const event of documentEvents) {
      if (known.includes(event)) continue;
      // Rows are created only by RegisterDocument, which commits before anyone publishes about the document,
      // so an unknown id (never registered, or another tenant's) cannot become known by waiting: retrying or
      // dead-lettering would only pile up noise. It is logged and acked; the claim keeps redeliveries quiet.
      logger.warn({ event: event.type, eventId: event.id }, 'event for an unknown document, ignored');
      outcome.set(event.id, null);
    }
    if (!document || known.length === 0) continue;
    const { steps, end } = foldEvents(await loadState(manager, document), known, now);
    await saveTransition(manager, document, end);
    for (const { event, transition } of steps) {
      entries.push({
        documentId,
        eventId: event.id,
        type: event.type,
        stage: transition.stage,
        status: transition.status,
        detail: event.payload,
        occurredAt: event.occurredAt,
      });
    }
  }
  for (const { eventId, entry } of await appendTimelineEntries(manager, entries)) outcome.set(eventId, entry);
  return outcome;
}

/** Events this consumer applied before: their entries, looked up to be announced again. */
async function answerApplied(manager: EntityManager, events: readonly TrackedEvent[], outcome: BatchOutcome): Promise<void> {
  if (events.length === 0) return;
  const rows = await manager.findBy(TimelineEntryEntity, { eventId: In(events.map((event) => event.id)) });
  for (const event of events) {
    const row = rows.find((candidate) => candidate.eventId === event.id);
    outcome.set(event.id, row ? toTimelineEntry(row) : null);
  }
}

async function lockDocuments(manager: EntityManager, events: readonly TrackedEvent[]): Promise<Map<string, DocumentEntity>> {
  const ids = [...new Set(events.map((event) => event.documentId).filter((id) => UUID.test(id)))].sort();
  if (ids.length === 0) return new Map();
  const rows = await manager
    .createQueryBuilder(DocumentEntity, 'document')
    .where('document.id IN (:...ids)', { ids })
    .orderBy('document.id')
    .setLock('pessimistic_write')
    .getMany();
  return new Map(rows.map((row) => [row.id, row]));
}

function groupByDocument(events: readonly TrackedEvent[]): Map<string, TrackedEvent[]> {
  const groups = new Map<string, TrackedEvent[]>();
  for (const event of events) groups.set(event.documentId, [...(groups.get(event.documentId) ?? []), event]);
  return groups;
}
