import { Inject, Injectable } from '@nestjs/common';
import { EventPublisher, HandleEvents, queues } from '@docpipe/events';
import { DocumentTimelineAppended, type Envelope } from '@docpipe/contracts';
import { StatusBatches } from './status-batches';
import { asTrackedEvent, type TrackedContract } from './tracked-event';

/**
 * Keeps each document's status, stages and timeline current from every document.* event. Events are applied in
 * batches (StatusBatches): the inbox claims, the document row locks, the changes and the timeline entries of a batch
 * commit together, so a redelivered or duplicated event changes nothing. After the commit the entry is announced as
 * document.timeline-appended; a redelivered event announces its existing entry again, so a publish lost to a crash
 * is made good (listeners dedupe by seq).
 */
@Injectable()
export class TrackStatusHandler {
  constructor(
    @Inject(StatusBatches) private readonly batches: StatusBatches,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
  ) {}

  @HandleEvents(queues.trackStatus)
  async handle(received: Envelope<TrackedContract>): Promise<void> {
    const event = asTrackedEvent(received);
    const entry = await this.batches.apply(event);
    if (!entry) return;
    await this.publisher.publish(DocumentTimelineAppended, entry, {
      tenantId: event.tenantId,
      documentId: event.documentId,
    });
  }
}
