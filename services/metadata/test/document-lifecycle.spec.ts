import { randomUUID } from 'node:crypto';
import type { DocumentStatus, Stage } from '@docpipe/contracts';
import { applyEvent, cancel, pendingStage, type DocumentState, type StageState } from '../src/documents/document-lifecycle';
import type { TrackedEvent } from '../src/documents/tracked-event';

const producer = { name: 'test-producer', version: '1.0.0' };
const facts = {
  fileName: 'a.pdf',
  mediaType: 'application/pdf',
  tags: [],
  uploadedAt: '2025-01-01T00:00:00.000Z',
  runStartedAt: '2025-01-01T00:00:00.000Z',
};

function state(
  status: DocumentStatus,
  stages: Partial<Record<Stage, Partial<StageState>>> = {},
  statusSince = new Date('2025-01-01T00:00:00.000Z'),
): DocumentState {
  const stage = (name: Stage): StageState => ({ ...pendingStage, ...stages[name] });
  return {
    status,
    statusSince,
    pipeline: {},
    stages: {
      ingestion: stage('ingestion'),
      extraction: stage('extraction'),
      classification: stage('classification'),
      indexing: stage('indexing'),
    },
    typeCorrected: false,
  };
}

function event<E extends TrackedEvent>(type: E['type'], payload: E['payload'], occurredAt = '2025-01-01T00:00:10.000Z'): TrackedEvent {
  const envelope = {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt,
    correlationId: 'c',
    causationId: null,
    tenantId: 't',
    documentId: randomUUID(),
    payload,
  };
  return envelope as TrackedEvent;
}

const started = (stage: Stage, attempt = 1, at?: string) => event('document.progressed', { stage, status: 'started', attempt }, at);
const classified = event('document.classified', {
  textKey: 'derived/t/d/text.json',
  documentType: 'invoice',
  confidence: 0.9,
  fields: {},
  classifier: producer,
  facts,
});
const failedExtraction = event('document.failed', {
  stage: 'extraction',
  code: 'corrupt',
  reason: 'broken PDF',
  retryable: false,
  attempts: 3,
});

describe('document status rules', () => {
  it('keeps a type the user set by hand when a reprocess classifies the document again, and takes the new fields', () => {
    const corrected = { ...state('classifying', { extraction: { status: 'done', attempt: 1 } }), typeCorrected: true };
    const transition = applyEvent(corrected, classified);
    expect(transition.status).toBe('classified');
    expect(transition.document).toEqual({ fields: {}, pipeline: { classification: producer } });
  });

  it('takes the classifier’s type and confidence while no user has corrected it', () => {
    const transition = applyEvent(state('classifying'), classified);
    expect(transition.document).toMatchObject({ documentType: 'invoice', confidence: 0.9 });
  });

  it('moves to the working status of a stage when it starts', () => {
    const transition = applyEvent(state('queued'), started('extraction'));
    expect(transition.status).toBe('extracting');
    expect(transition.stages.extraction).toMatchObject({
      status: 'running',
      attempt: 1,
      startedAt: new Date('2025-01-01T00:00:10.000Z'),
    });
  });

  it('does not move back when a late start arrives after a later stage finished', () => {
    const transition = applyEvent(state('classified', { extraction: { status: 'done', attempt: 1 } }), started('extraction', 2));
    expect(transition.status).toBe('classified');
    expect(transition.stages.extraction?.status ?? 'done').toBe('done');
  });

  it('fills in a missing start time from a late start without reopening the stage', () => {
    const finishedAt = new Date('2025-01-01T00:00:20.000Z');
    const transition = applyEvent(state('extracted', { extraction: { status: 'done', attempt: 1, finishedAt } }), started('extraction'));
    expect(transition.stages.extraction).toMatchObject({
      status: 'done',
      startedAt: new Date('2025-01-01T00:00:10.000Z'),
      finishedAt,
    });
  });

  it('records a retry with its attempt and reason, and ignores an older attempt arriving after it', () => {
    const retrying = applyEvent(
      state('extracting', { extraction: { status: 'running', attempt: 1 } }),
      event('document.progressed', {
        stage: 'extraction',
        status: 'retrying',
        attempt: 2,
        reason: 'timeout',
      }),
    );
    expect(retrying.stages.extraction).toMatchObject({ status: 'retrying', attempt: 2, error: 'timeout' });
    const stale = applyEvent(state('extracting', { extraction: { status: 'retrying', attempt: 2 } }), started('extraction', 1));
    expect(stale.stages.extraction ?? {}).not.toHaveProperty('status', 'running');
    expect(stale.status).toBe('extracting');
  });

  it('keeps a progress notice out of the status', () => {
    const transition = applyEvent(
      state('indexing'),
      event('document.progressed', { stage: 'indexing', status: 'progress', attempt: 1, done: 3, total: 9 }),
    );
    expect(transition).toEqual({ status: 'indexing', document: {}, stages: {}, stage: 'indexing' });
  });

  it('records a result with its producer even when it arrives after a later status', () => {
    const transition = applyEvent(state('indexed'), classified);
    expect(transition.status).toBe('indexed');
    expect(transition.document).toMatchObject({
      documentType: 'invoice',
      confidence: 0.9,
      pipeline: { classification: producer },
    });
    expect(transition.stages.classification?.status).toBe('done');
  });

  it('fails the document with the stage, code, reason and whether a retry may help', () => {
    const transition = applyEvent(state('extracting', { extraction: { status: 'running', attempt: 3 } }), failedExtraction);
    expect(transition.status).toBe('failed');
    expect(transition.document.error).toEqual({
      stage: 'extraction',
      code: 'corrupt',
      reason: 'broken PDF',
      retryable: false,
    });
    expect(transition.stages.extraction).toMatchObject({ status: 'failed', attempt: 3, error: 'broken PDF' });
  });

  it('keeps a failed document failed until a reprocess', () => {
    const failed = state('failed', { extraction: { status: 'failed', attempt: 3 } });
    expect(applyEvent(failed, started('classification')).status).toBe('failed');
    expect(applyEvent(failed, classified).status).toBe('failed');
    const reprocessed = applyEvent(
      failed,
      event('document.reprocess-requested', {
        objectKey: 'k',
        mediaType: 'application/pdf',
        fileName: 'a.pdf',
        tags: [],
        uploadedAt: facts.uploadedAt,
      }),
    );
    expect(reprocessed.status).toBe('queued');
    expect(reprocessed.document.error).toBeNull();
    expect(reprocessed.stages.extraction).toEqual(pendingStage);
    expect(reprocessed.stages.ingestion).toBeUndefined();
  });

  it('ignores a failure of a stage that already finished', () => {
    const transition = applyEvent(state('classified', { extraction: { status: 'done', attempt: 1 } }), failedExtraction);
    expect(transition.status).toBe('classified');
    expect(transition.document).toEqual({});
  });

  it('changes nothing on a deleted document', () => {
    expect(applyEvent(state('deleted'), classified)).toEqual({
      status: 'deleted',
      document: {},
      stages: {},
      stage: 'classification',
    });
  });

  it('ignores the late results of work in flight for a cancelled document', () => {
    const cancelled = state('cancelled', { extraction: { status: 'cancelled', attempt: 1 } });
    expect(applyEvent(cancelled, classified)).toEqual({ status: 'cancelled', document: {}, stages: {}, stage: 'classification' });
    expect(applyEvent(cancelled, started('extraction', 2)).status).toBe('cancelled');
    expect(applyEvent(cancelled, failedExtraction).status).toBe('cancelled');
    const upload = event('document.uploaded', {
      objectKey: 'k',
      sha256: 'a'.repeat(64),
      sizeBytes: 1,
      mediaType: 'text/plain',
      fileName: 'a.txt',
      tags: [],
    });
    const uploaded = applyEvent(cancelled, upload);
    expect(uploaded.status).toBe('cancelled');
    expect(uploaded.stages.ingestion).toMatchObject({ status: 'done' });
  });

  it('restarts a cancelled document for a reprocess asked after the cancel, not for one sent before it', () => {
    const cancelledAt = new Date('2025-01-01T00:00:05.000Z');
    const cancelled = state('cancelled', { extraction: { status: 'cancelled' } }, cancelledAt);
    const reprocess = (at: string) =>
      event(
        'document.reprocess-requested',
        { objectKey: 'k', mediaType: 'text/plain', fileName: 'a.txt', tags: [], uploadedAt: facts.uploadedAt },
        at,
      );
    expect(applyEvent(cancelled, reprocess('2025-01-01T00:00:01.000Z')).status).toBe('cancelled');
    const restarted = applyEvent(cancelled, reprocess('2025-01-01T00:00:06.000Z'));
    expect(restarted.status).toBe('queued');
    expect(restarted.stages.extraction).toEqual(pendingStage);
  });

  it('cancels the stages not finished yet, ending a running one, and names the stage the document was in', () => {
    const at = new Date('2025-01-01T00:01:00.000Z');
    const startedAt = new Date('2025-01-01T00:00:30.000Z');
    const transition = cancel(
      state('classifying', {
        ingestion: { status: 'done', attempt: 1 },
        extraction: { status: 'done', attempt: 1 },
        classification: { status: 'running', attempt: 2, startedAt },
      }),
      at,
    );
    expect(transition).toEqual({
      status: 'cancelled',
      document: { error: null },
      stage: 'classification',
      stages: {
        classification: { status: 'cancelled', attempt: 2, startedAt, finishedAt: at, error: null },
        indexing: { ...pendingStage, status: 'cancelled' },
      },
    });
  });
  it('moves a received document to queued when its original is stored, with the sniffed media type', () => {
    const uploaded = event('document.uploaded', {
      objectKey: 'originals/t/d',
      sha256: 'a'.repeat(64),
      sizeBytes: 10,
      mediaType: 'text/plain',
      fileName: 'a.txt',
      tags: [],
    });
    const transition = applyEvent(state('received'), uploaded);
    expect(transition.status).toBe('queued');
    expect(transition.document).toEqual({ mediaType: 'text/plain' });
    expect(transition.stages.ingestion).toMatchObject({ status: 'done' });
  });

  it('ends a received document rejected, with the reason as its error, and a later upload event changes nothing', () => {
    const rejection = event('document.rejected', { code: 'unsupported_media_type', reason: 'A ZIP archive is not accepted' });
    const transition = applyEvent(state('received'), rejection);
    expect(transition).toMatchObject({
      status: 'rejected',
      document: {
        error: { stage: 'ingestion', code: 'unsupported_media_type', reason: 'A ZIP archive is not accepted', retryable: false },
      },
      stages: { ingestion: { status: 'failed', error: 'A ZIP archive is not accepted' } },
      stage: 'ingestion',
    });
    const late = applyEvent(state('rejected', { ingestion: { status: 'failed' } }), started('extraction'));
    expect(late.status).toBe('rejected');
  });
});
