import { defineEvent } from '../contract';
import { timelineEntrySchema } from '../requests/timeline.requests';

/**
 * Metadata appended an entry to a document's timeline (after its transaction committed), for live views.
 * Published at least once: a redelivered event republishes its existing entry, so listeners dedupe by `seq`.
 * Not part of `allContracts`: status tracking must not consume the timeline it writes.
 */
export const DocumentTimelineAppended = defineEvent({
  type: 'document.timeline-appended',
  version: 1,
  description: "An event was applied to a document and appended to its timeline with the document's next seq.",
  payload: timelineEntrySchema,
  broadcast: true,
});
