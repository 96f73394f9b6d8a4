import type { DocumentSummary, DocumentView, Stalled, TimelineEntry } from './api';

/** What the notification service pushes (see services/notification/src/sockets/socket-protocol.ts). */
export type LiveEntry = TimelineEntry & { documentId: string };
export type SubscribeReply = { ok: true; replayed: number; lastSeq: number } | { ok: false; error: { code: string; message: string } };

export const STAGES = ['ingestion', 'extraction', 'classification', 'indexing'] as const;
export type Stage = (typeof STAGES)[number];
type StageStatus = DocumentView['stages'][number]['status'];

export interface StageState {
  status: StageStatus;
  startedAt: string | null;
  durationMs: number | null;
  error: string | null;
}

export interface DocumentRow {
  summary: DocumentSummary;
  stages: Record<Stage, StageState>;
  error: DocumentView['error'];
  /** The last timeline seq applied to this row, to dedupe pushes and to catch up after a reconnect. */
  lastSeq: number;
}

export type Connection = 'connecting' | 'live' | 'offline';

const FINAL = new Set(['indexed', 'failed', 'rejected', 'deleted', 'cancelled']);
export const isFinal = (status: string): boolean => FINAL.has(status);

export const blankStages = (): Record<Stage, StageState> =>
  Object.fromEntries(STAGES.map((stage) => [stage, { status: 'pending', startedAt: null, durationMs: null, error: null }])) as Record<
    Stage,
    StageState
  >;

export function rowFromView(view: DocumentView, lastSeq: number): DocumentRow {
  const stages = blankStages();
  for (const stage of view.stages)
    stages[stage.stage] = {
      status: stage.status,
      startedAt: stage.startedAt,
      durationMs: stage.durationMs,
      error: stage.error,
    };
  return { summary: view, stages, error: view.error, lastSeq };
}

const elapsed = (since: string | null, until: string): number | null => (since ? Math.max(0, Date.parse(until) - Date.parse(since)) : null);

/** A `document.stalled` entry carries the stall as its detail (see the metadata service's stall detector). */
const stalledOf = (entry: LiveEntry): Stalled | null => {
  const { stage, status, since, budgetSeconds } = entry.detail;
  const known = STAGES.includes(stage as Stage) && typeof since === 'string' && typeof budgetSeconds === 'number';
  return known ? { stage: stage as Stage, status: status as Stalled['status'], since, budgetSeconds } : null;
};

/** Cancelled: what had not finished never will. */
function cancelStages(stages: Record<Stage, StageState>): Record<Stage, StageState> {
  const unfinished = (state: StageState) => ['pending', 'running', 'retrying'].includes(state.status);
  return Object.fromEntries(
    STAGES.map((stage) => [stage, unfinished(stages[stage]) ? { ...stages[stage], status: 'cancelled' } : stages[stage]]),
  ) as Record<Stage, StageState>;
}

/** A user's edit of tags or title (its detail holds each change as `{ from, to }`) applied to the row's summary. */
function editedSummary(summary: DocumentSummary, detail: Record<string, unknown>): DocumentSummary {
  const to = (name: string): unknown => (detail[name] as { to?: unknown } | undefined)?.to;
  const next = { ...summary };
  if ('title' in detail) next.title = typeof to('title') === 'string' ? (to('title') as string) : null;
  if (Array.isArray(to('tags'))) next.tags = (to('tags') as unknown[]).filter((tag): tag is string => typeof tag === 'string');
  return next;
}

/** How one timeline entry moves a row; the document is fetched again once it settles, for the exact timings. */
export function applyEntry(row: DocumentRow, entry: LiveEntry): DocumentRow {
  if (entry.type === 'document.reprocess-requested') {
    return {
      ...row,
      summary: { ...row.summary, status: entry.status, stalled: null },
      stages: blankStages(),
      error: null,
      lastSeq: entry.seq,
    };
  }
  if (entry.type === 'document.edited') return { ...row, summary: editedSummary(row.summary, entry.detail), lastSeq: entry.seq };
  if (entry.type === 'document.type-corrected' && typeof entry.detail.documentType === 'string')
    return { ...row, summary: { ...row.summary, documentType: entry.detail.documentType, confidence: 1 }, lastSeq: entry.seq };
  if (entry.type === 'document.stalled') return { ...row, summary: { ...row.summary, stalled: stalledOf(entry) }, lastSeq: entry.seq };
  // Work that was in flight when the document was cancelled still reports; it changes nothing.
  if (row.summary.status === 'cancelled') return { ...row, lastSeq: entry.seq };
  if (entry.type === 'document.cancelled') {
    return {
      ...row,
      summary: { ...row.summary, status: 'cancelled', stalled: null },
      stages: cancelStages(row.stages),
      lastSeq: entry.seq,
    };
  }
  const moved = entry.status !== row.summary.status;
  const summary = { ...row.summary, status: entry.status, stalled: moved ? null : row.summary.stalled };
  if (entry.type === 'document.classified') {
    summary.documentType = typeof entry.detail.documentType === 'string' ? entry.detail.documentType : summary.documentType;
    summary.confidence = typeof entry.detail.confidence === 'number' ? entry.detail.confidence : summary.confidence;
  }
  const stages = { ...row.stages };
  if (entry.stage) {
    const current = stages[entry.stage];
    if (entry.type === 'document.progressed') {
      const startedAt = current.startedAt ?? entry.occurredAt;
      stages[entry.stage] = {
        ...current,
        startedAt,
        status: entry.detail.status === 'retrying' ? 'retrying' : 'running',
      };
    } else {
      // Ingestion's refusal of the bytes fails its stage as a stage's failure does.
      const failed = entry.type === 'document.failed' || entry.type === 'document.rejected';
      const error = failed ? String(entry.detail.reason ?? 'failed') : null;
      stages[entry.stage] = {
        ...current,
        status: failed ? 'failed' : 'done',
        durationMs: elapsed(current.startedAt, entry.occurredAt),
        error,
      };
    }
  }
  return { ...row, summary, stages, lastSeq: entry.seq };
}

/** How far each status has come: the stages done, and the one at work (if any). A forward-only state machine makes this exact. */
const PROGRESS: Partial<Record<DocumentSummary['status'], { done: number; running?: Stage }>> = {
  received: { done: 0, running: 'ingestion' },
  queued: { done: 1 },
  extracting: { done: 1, running: 'extraction' },
  extracted: { done: 2 },
  classifying: { done: 2, running: 'classification' },
  classified: { done: 3 },
  indexing: { done: 3, running: 'indexing' },
  indexed: { done: 4 },
};

/**
 * A row from the list's summary alone, so a page costs one request: the stages follow from the status. A failed,
 * rejected or cancelled document does not say which stage stopped, so it answers undefined and its full view is fetched.
 */
export function rowFromSummary(summary: DocumentSummary, lastSeq: number): DocumentRow | undefined {
  const progress = PROGRESS[summary.status];
  if (!progress) return undefined;
  const stages = blankStages();
  STAGES.forEach((stage, index) => {
    if (index < progress.done) stages[stage].status = 'done';
    else if (stage === progress.running) stages[stage].status = 'running';
  });
  return { summary, stages, error: null, lastSeq };
}
