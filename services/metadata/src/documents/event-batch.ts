import { applyEvent, type DocumentState, type Transition } from './document-lifecycle';
import type { TrackedEvent } from './tracked-event';

/** A progress tick (done/total) changes no state, only the timeline and the live view. */
const isProgressTick = (event: TrackedEvent): boolean => event.type === 'document.progressed' && event.payload.status === 'progress';

/**
 * Of a document's progress ticks in one batch only the last is applied: the others are superseded by it, so
 * metadata's writes per document do not grow with how often a worker reports progress. Every other event
 * (a state transition) is kept, in the order it came.
 */
export function coalesceProgress(events: readonly TrackedEvent[]): { applied: TrackedEvent[]; superseded: TrackedEvent[] } {
  const lastTick = new Map<string, TrackedEvent>();
  for (const event of events) if (isProgressTick(event)) lastTick.set(`${event.tenantId}/${event.documentId}`, event);
  const applied: TrackedEvent[] = [];
  const superseded: TrackedEvent[] = [];
  for (const event of events) {
    const keep = !isProgressTick(event) || lastTick.get(`${event.tenantId}/${event.documentId}`) === event;
    (keep ? applied : superseded).push(event);
  }
  return { applied, superseded };
}

export interface Step {
  event: TrackedEvent;
  transition: Transition;
}

/**
 * Applies a document's events in order, each to the state the one before left, and answers every step (for the
 * timeline) and one transition that writes the end state: the forward-only rules see the same sequence of states
 * as they would one event per transaction. `now` is when the batch's transaction sets a changed status.
 */
export function foldEvents(state: DocumentState, events: readonly TrackedEvent[], now: Date): { steps: Step[]; end: Transition } {
  const steps: Step[] = [];
  const end: Transition = { status: state.status, document: {}, stages: {}, stage: null };
  let current = state;
  for (const event of events) {
    const transition = applyEvent(current, event);
    steps.push({ event, transition });
    Object.assign(end.document, transition.document);
    Object.assign(end.stages, transition.stages);
    end.status = transition.status;
    current = {
      ...current,
      status: transition.status,
      statusSince: transition.status === current.status ? current.statusSince : now,
      pipeline: transition.document.pipeline ?? current.pipeline,
      stages: { ...current.stages, ...transition.stages },
    };
  }
  return { steps, end };
}
