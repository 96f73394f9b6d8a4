import type { DocumentStatus, Stage } from '@docpipe/contracts';
import type { DocumentError, DocumentFields, PipelineProducers } from '../database/document.entity';
import type { StageStatus } from '../database/document-stage.entity';
import type { TrackedEvent } from './tracked-event';

export interface StageState {
  status: StageStatus;
  attempt: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
}

export interface DocumentState {
  status: DocumentStatus;
  /** When the document entered its status. */
  statusSince: Date;
  pipeline: PipelineProducers;
  stages: Record<Stage, StageState>;
  /** A user set the type by hand: the classifier's later answers keep it (and its confidence). */
  typeCorrected: boolean;
}

/** Document columns an event sets besides its status. */
export interface DocumentChanges {
  mediaType?: string;
  textKey?: string;
  pages?: number;
  language?: string | null;
  documentType?: string;
  confidence?: number;
  fields?: DocumentFields;
  chunks?: number;
  pipeline?: PipelineProducers;
  error?: DocumentError | null;
  deletedAt?: Date;
}

export interface Transition {
  /** The document's status once the event is applied (unchanged when the event is stale). */
  status: DocumentStatus;
  document: DocumentChanges;
  /** The new state of every stage the event changes. */
  stages: Partial<Record<Stage, StageState>>;
  /** The stage the event is about, for the timeline. */
  stage: Stage | null;
}

export const stagesInOrder: readonly Stage[] = ['ingestion', 'extraction', 'classification', 'indexing'];

export const pendingStage: StageState = {
  status: 'pending',
  attempt: 0,
  startedAt: null,
  finishedAt: null,
  error: null,
};

// Forward order of a healthy document; failed, rejected, cancelled and deleted stand outside it.
const progressRank: Partial<Record<DocumentStatus, number>> = {
  received: 0,
  queued: 1,
  extracting: 2,
  extracted: 3,
  classifying: 4,
  classified: 5,
  indexing: 6,
  indexed: 7,
};

/** Where the pipeline is done with a document: nothing is left to cancel. */
export const finishedStatuses: ReadonlySet<DocumentStatus> = new Set(['indexed', 'failed', 'rejected', 'cancelled', 'deleted']);

const workingStatus: Record<Stage, DocumentStatus | null> = {
  ingestion: null,
  extraction: 'extracting',
  classification: 'classifying',
  indexing: 'indexing',
};

/**
 * What one event does to a document. Events arrive late, duplicated or out of order, so every rule only
 * moves forward: a status never goes back (only a reprocess resets it), a failed document stays failed
 * until a reprocess, a finished or failed stage ignores later starts and retries, a stage that already
 * finished ignores a failure, a cancelled document ignores the late results of work already in flight, and a
 * deleted document changes no more.
 */
export function applyEvent(state: DocumentState, event: TrackedEvent): Transition {
  const stage = stageOf(event);
  if (state.status === 'deleted') return unchanged(state, stage);
  if (state.status === 'cancelled' && !outlivesCancel(state, event)) return unchanged(state, stage);
  const at = new Date(event.occurredAt);
  switch (event.type) {
    case 'document.uploaded':
      // The sniffed type replaces the one the client declared.
      return finishStage(state, 'ingestion', 'queued', at, { mediaType: event.payload.mediaType });
    case 'document.rejected':
      return reject(state, event.payload, at);
    case 'document.reprocess-requested':
      return reprocess();
    case 'document.progressed': {
      const { status, ...progress } = event.payload;
      return status === 'progress' ? unchanged(state, stage) : workOnStage(state, { ...progress, status }, at);
    }
    case 'document.extracted': {
      const { textKey, pages, language, extractor } = event.payload;
      return finishStage(state, 'extraction', 'extracted', at, { textKey, pages, language }, extractor);
    }
    case 'document.classified': {
      const { documentType, confidence, fields, classifier } = event.payload;
      const typed = state.typeCorrected ? {} : { documentType, confidence };
      return finishStage(state, 'classification', 'classified', at, { ...typed, fields }, classifier);
    }
    case 'document.indexed': {
      const { chunks, embedder } = event.payload;
      return finishStage(state, 'indexing', 'indexed', at, { chunks }, embedder);
    }
    case 'document.failed':
      return failStage(state, event.payload, at);
    case 'document.deleted':
      return { status: 'deleted', document: { deletedAt: at }, stages: {}, stage: null };
  }
}

/**
 * What still applies to a cancelled document: a delete, a reprocess asked for after the cancel (not one already in
 * flight before it), and the upload, which only records that the original is stored (no status moves from cancelled).
 */
function outlivesCancel(state: DocumentState, event: TrackedEvent): boolean {
  if (event.type === 'document.deleted' || event.type === 'document.uploaded') return true;
  return event.type === 'document.reprocess-requested' && new Date(event.occurredAt) >= state.statusSince;
}

/**
 * Cancels a document still in progress: every stage not finished yet is cancelled (a running one at `at`).
 * The transition's stage is the one the document was in, for the timeline.
 */
export function cancel(state: DocumentState, at: Date): Transition {
  const stages: Partial<Record<Stage, StageState>> = {};
  for (const name of stagesInOrder) {
    const current = state.stages[name];
    if (isSettled(current) || name === 'ingestion') continue;
    stages[name] = { ...current, status: 'cancelled', finishedAt: current.startedAt ? at : null };
  }
  return { status: 'cancelled', document: { error: null }, stages, stage: currentStage(state) };
}

/** The stage a document in progress runs or waits for: the first one after ingestion (done once registered) not finished yet. */
function currentStage(state: DocumentState): Stage | null {
  return stagesInOrder.find((name) => name !== 'ingestion' && !isSettled(state.stages[name])) ?? null;
}

function stageOf(event: TrackedEvent): Stage | null {
  switch (event.type) {
    case 'document.uploaded':
    case 'document.rejected':
      return 'ingestion';
    case 'document.extracted':
      return 'extraction';
    case 'document.classified':
      return 'classification';
    case 'document.indexed':
      return 'indexing';
    case 'document.progressed':
    case 'document.failed':
      return event.payload.stage;
    case 'document.reprocess-requested':
    case 'document.deleted':
      return null;
  }
}

function unchanged(state: DocumentState, stage: Stage | null): Transition {
  return { status: state.status, document: {}, stages: {}, stage };
}

function advance(current: DocumentStatus, target: DocumentStatus | null): DocumentStatus {
  if (target === null) return current;
  const from = progressRank[current];
  const to = progressRank[target];
  if (from === undefined || to === undefined) return current;
  return to > from ? target : current;
}

function isSettled(stage: StageState): boolean {
  return stage.status === 'done' || stage.status === 'failed' || stage.status === 'cancelled';
}

function earliest(known: Date | null, candidate: Date): Date {
  return known && known <= candidate ? known : candidate;
}

function finishStage(
  state: DocumentState,
  stage: Stage,
  reached: DocumentStatus,
  at: Date,
  results: DocumentChanges,
  producer?: { name: string; version: string },
): Transition {
  const current = state.stages[stage];
  if (current.status === 'failed') return unchanged(state, stage);
  const finished: StageState = {
    status: 'done',
    attempt: Math.max(current.attempt, 1),
    startedAt: current.startedAt,
    finishedAt: current.status === 'done' ? current.finishedAt : at,
    error: null,
  };
  const pipeline = producer ? { ...state.pipeline, [stage]: producer } : undefined;
  return {
    status: advance(state.status, reached),
    document: pipeline ? { ...results, pipeline } : results,
    stages: { [stage]: finished },
    stage,
  };
}

function workOnStage(
  state: DocumentState,
  progress: { stage: Stage; status: 'started' | 'retrying'; attempt: number; reason?: string },
  at: Date,
): Transition {
  const current = state.stages[progress.stage];
  const startedAt = progress.status === 'started' ? earliest(current.startedAt, at) : current.startedAt;
  // A late start of a settled (or newer) attempt still tells when the stage began; nothing else changes.
  if (isSettled(current) || progress.attempt < current.attempt) {
    const stages = startedAt === current.startedAt ? {} : { [progress.stage]: { ...current, startedAt } };
    return { ...unchanged(state, progress.stage), stages };
  }
  const working: StageState = {
    status: progress.status === 'started' ? 'running' : 'retrying',
    attempt: progress.attempt,
    startedAt,
    finishedAt: null,
    error: progress.status === 'retrying' ? (progress.reason ?? null) : null,
  };
  return {
    status: advance(state.status, workingStatus[progress.stage]),
    document: {},
    stages: { [progress.stage]: working },
    stage: progress.stage,
  };
}

/** Ingestion refused the bytes: nothing was stored, so the document ends here; only a new upload can follow. */
function reject(state: DocumentState, rejection: { code: string; reason: string }, at: Date): Transition {
  const current = state.stages.ingestion;
  if (current.status === 'done') return unchanged(state, 'ingestion');
  const failed: StageState = {
    ...current,
    status: 'failed',
    attempt: Math.max(current.attempt, 1),
    finishedAt: at,
    error: rejection.reason,
  };
  return {
    status: 'rejected',
    document: { error: { stage: 'ingestion', code: rejection.code, reason: rejection.reason, retryable: false } },
    stages: { ingestion: failed },
    stage: 'ingestion',
  };
}

function failStage(
  state: DocumentState,
  failure: { stage: Stage; code: string; reason: string; retryable: boolean; attempts: number },
  at: Date,
): Transition {
  const current = state.stages[failure.stage];
  if (current.status === 'done') return unchanged(state, failure.stage);
  const failed: StageState = {
    status: 'failed',
    attempt: Math.max(current.attempt, failure.attempts),
    startedAt: current.startedAt,
    finishedAt: at,
    error: failure.reason,
  };
  const { stage, code, reason, retryable } = failure;
  return {
    status: 'failed',
    document: { error: { stage, code, reason, retryable } },
    stages: { [failure.stage]: failed },
    stage: failure.stage,
  };
}

/** Runs the pipeline again from extraction: the stored original (ingestion) stays as it is. */
export function reprocess(): Transition {
  const stages: Partial<Record<Stage, StageState>> = {};
  for (const stage of stagesInOrder) if (stage !== 'ingestion') stages[stage] = { ...pendingStage };
  return { status: 'queued', document: { error: null }, stages, stage: null };
}
