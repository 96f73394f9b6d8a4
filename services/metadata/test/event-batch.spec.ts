import { randomUUID } from 'node:crypto';
import { applyEvent, pendingStage, type DocumentState } from '../src/documents/document-lifecycle';
import { coalesceProgress, foldEvents } from '../src/documents/event-batch';
import type { TrackedEvent } from '../src/documents/tracked-event';

const producer = { name: 'test-producer', version: '1.0.0' };
const facts = {
  fileName: 'a.pdf',
  mediaType: 'application/pdf',
  tags: [],
  uploadedAt: '2025-01-01T00:00:00.000Z',
  runStartedAt: '2025-01-01T00:00:00.000Z',
};

function event(documentId: string, type: TrackedEvent['type'], payload: object): TrackedEvent {
  const envelope = {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: '2025-01-01T00:00:10.000Z',
    correlationId: 'c',
    causationId: null,
    tenantId: 't',
    documentId,
    payload,
  };
  return envelope as TrackedEvent;
}

const started = (doc: string) => event(doc, 'document.progressed', { stage: 'extraction', status: 'started', attempt: 1 });
const tick = (doc: string, done: number) =>
  event(doc, 'document.progressed', { stage: 'extraction', status: 'progress', attempt: 1, done, total: 9 });
const retrying = (doc: string) =>
  event(doc, 'document.progressed', { stage: 'extraction', status: 'retrying', attempt: 2, reason: 'timeout' });
const extracted = (doc: string) =>
  event(doc, 'document.extracted', { textKey: 'k', pages: 9, characters: 10, language: 'en', extractor: producer, facts });

const queued: DocumentState = {
  status: 'queued',
  statusSince: new Date('2025-01-01T00:00:00.000Z'),
  pipeline: {},
  stages: {
    ingestion: { ...pendingStage, status: 'done', attempt: 1 },
    extraction: pendingStage,
    classification: pendingStage,
    indexing: pendingStage,
  },
  typeCorrected: false,
};

describe('coalescing a batch of events', () => {
  it('keeps only the last progress tick of each document and every other event in its order', () => {
    const events = [started('a'), tick('a', 1), tick('b', 1), retrying('a'), tick('a', 2), tick('b', 2), extracted('a'), tick('a', 3)];
    const { applied, superseded } = coalesceProgress(events);
    expect(applied).toEqual([events[0], events[3], events[5], events[6], events[7]]);
    expect(superseded).toEqual([events[1], events[2], events[4]]);
  });
});

describe('folding a document’s events', () => {
  it('reaches the state that applying them one at a time reaches, with a step per event', () => {
    const events = [started('a'), retrying('a'), tick('a', 5), extracted('a')];
    const { steps, end } = foldEvents(queued, events, new Date('2025-01-01T00:01:00.000Z'));

    let state = queued;
    const statuses = [];
    for (const one of events) {
      const transition = applyEvent(state, one);
      statuses.push(transition.status);
      state = { ...state, status: transition.status, stages: { ...state.stages, ...transition.stages } };
    }
    expect(steps.map((step) => step.transition.status)).toEqual(statuses);
    expect(statuses).toEqual(['extracting', 'extracting', 'extracting', 'extracted']);
    expect(end.status).toBe('extracted');
    expect(end.stages.extraction).toEqual(state.stages.extraction);
    expect(end.stages.extraction).toMatchObject({ status: 'done', attempt: 2, error: null });
    expect(end.document).toMatchObject({ textKey: 'k', pages: 9, pipeline: { extraction: producer } });
  });

  it('keeps the forward-only rule across the batch: a late start after the result changes nothing', () => {
    const { end } = foldEvents(queued, [extracted('a'), started('a')], new Date());
    expect(end.status).toBe('extracted');
    expect(end.stages.extraction).toMatchObject({ status: 'done' });
  });
});
