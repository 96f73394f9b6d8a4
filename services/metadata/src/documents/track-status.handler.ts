import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { claimEvent, EventPublisher, HandleEvents, queues } from '@docpipe/events';
import { DocumentTimelineAppended, type Envelope, type TimelineEntry } from '@docpipe/contracts';
import { LOGGER, type Logger } from '@docpipe/platform';
import { DocumentEntity } from '../database/document.entity';
import { TimelineEntryEntity } from '../database/timeline-entry.entity';
import { appendTimelineEntry } from '../timeline/append-timeline-entry';
import { toTimelineEntry } from '../timeline/timeline-entry.mapper';
import { applyEvent } from './document-lifecycle';
import { loadState, saveTransition } from './document-state';
import { asTrackedEvent, type TrackedContract, type TrackedEvent } from './tracked-event';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keeps each document's status, stages and timeline current from every document.* event. One event is one
 * transaction: the inbox claim, the document row lock (events of one document apply one at a time), the
 * changes and the timeline entry commit together, so a redelivered or duplicated event changes nothing.
 * After the commit the entry is announced as document.timeline-appended; a redelivered event announces its
 * existing entry again, so a publish lost to a crash is made good (listeners dedupe by seq).
 */
@Injectable()
export class TrackStatusHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleEvents(queues.trackStatus)
  async handle(received: Envelope<TrackedContract>): Promise<void> {
    const event = asTrackedEvent(received);
    const entry = await this.apply(event);
    if (!entry) return;
    await this.publisher.publish(DocumentTimelineAppended, entry, {
      tenantId: event.tenantId,
      documentId: event.documentId,
    });
  }

  /** Applies the event once; answers its timeline entry (new or from an earlier delivery), none for an unknown document. */
  private apply(event: TrackedEvent): Promise<TimelineEntry | null> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = await claimEvent((sql, parameters) => manager.query(sql, parameters), queues.trackStatus.name, event.id);
      if (!claimed) {
        this.logger.debug({ event: event.type, eventId: event.id }, 'event already applied, announcing its entry again');
        const applied = await manager.findOneBy(TimelineEntryEntity, { eventId: event.id });
        return applied && toTimelineEntry(applied);
      }
      const document = await this.lockDocument(manager, event);
      if (!document) {
        // Rows are created only by RegisterDocument, which commits before anyone publishes about the document,
        // so an unknown id (never registered, or another tenant's) cannot become known by waiting: retrying or
        // dead-lettering would only pile up noise. It is logged and acked; the claim keeps redeliveries quiet.
        this.logger.warn({ event: event.type, eventId: event.id }, 'event for an unknown document, ignored');
        return null;
      }
      const transition = applyEvent(await loadState(manager, document), event);
      await saveTransition(manager, document, transition);
      return appendTimelineEntry(manager, {
        documentId: event.documentId,
        eventId: event.id,
        type: event.type,
        stage: transition.stage,
        status: transition.status,
        detail: event.payload,
        occurredAt: event.occurredAt,
      });
    });
  }

  private async lockDocument(manager: EntityManager, event: TrackedEvent): Promise<DocumentEntity | null> {
    if (!UUID.test(event.documentId)) return null;
    return manager.findOne(DocumentEntity, {
      where: { id: event.documentId, tenantId: event.tenantId },
      lock: { mode: 'pessimistic_write' },
    });
  }
}
