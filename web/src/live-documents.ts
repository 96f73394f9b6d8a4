import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { api, apiKey, ApiError, describeFailure, type DocumentSummary, type DocumentView, type Stalled, type TimelineEntry } from './api';

/** What the notification service pushes (see services/notification/src/sockets/socket-protocol.ts). */
type LiveEntry = TimelineEntry & { documentId: string };
type SubscribeReply = { ok: true; replayed: number; lastSeq: number } | { ok: false; error: { code: string; message: string } };

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

const FINAL = new Set(['indexed', 'failed', 'deleted', 'cancelled']);
export const isFinal = (status: string): boolean => FINAL.has(status);

const blankStages = (): Record<Stage, StageState> =>
  Object.fromEntries(STAGES.map((stage) => [stage, { status: 'pending', startedAt: null, durationMs: null, error: null }])) as Record<
    Stage,
    StageState
  >;

function rowFromView(view: DocumentView, lastSeq: number): DocumentRow {
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

/** How one timeline entry moves a row; the document is fetched again once it settles, for the exact timings. */
function applyEntry(row: DocumentRow, entry: LiveEntry): DocumentRow {
  if (entry.type === 'document.reprocess-requested') {
    return {
      ...row,
      summary: { ...row.summary, status: entry.status, stalled: null },
      stages: blankStages(),
      error: null,
      lastSeq: entry.seq,
    };
  }
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
      const failed = entry.type === 'document.failed';
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

/**
 * The document list, kept live: the REST list is the truth on load and on every (re)connect; socket pushes
 * move rows in between, and in-progress documents are subscribed with the last seq seen so nothing is missed.
 */
export function useLiveDocuments(): {
  rows: DocumentRow[];
  connection: Connection;
  error: string | null;
  track: (id: string) => void;
  retry: (id: string) => Promise<void>;
  cancel: (id: string) => Promise<void>;
} {
  const [rows, setRows] = useState<Map<string, DocumentRow>>(new Map());
  const [connection, setConnection] = useState<Connection>('connecting');
  const [error, setError] = useState<string | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const socketRef = useRef<Socket | null>(null);

  const put = useCallback((id: string, update: (row: DocumentRow | undefined) => DocumentRow | undefined) => {
    setRows((previous) => {
      const next = update(previous.get(id));
      if (!next) return previous;
      return new Map(previous).set(id, next);
    });
  }, []);

  const forget = useCallback((id: string) => {
    setRows((previous) => {
      if (!previous.has(id)) return previous;
      const next = new Map(previous);
      next.delete(id);
      return next;
    });
  }, []);

  const refresh = useCallback(
    async (id: string) => {
      try {
        const view = await api.get(id);
        put(id, (row) => ({ ...rowFromView(view, row?.lastSeq ?? 0), lastSeq: row?.lastSeq ?? 0 }));
      } catch (cause) {
        setError(describeFailure(cause));
      }
    },
    [put],
  );

  const subscribe = useCallback((id: string) => {
    const socket = socketRef.current;
    if (!socket?.connected) return;
    const afterSeq = rowsRef.current.get(id)?.lastSeq ?? 0;
    socket.emit('subscribe', { documentId: id, afterSeq }, (reply: SubscribeReply) => {
      if (!reply.ok) setError(reply.error.message);
    });
  }, []);

  const reload = useCallback(async () => {
    try {
      const page = await api.list();
      const views = await Promise.all(page.items.map((item) => api.get(item.id)));
      setRows((previous) => {
        const next = new Map<string, DocumentRow>();
        for (const view of views) next.set(view.id, rowFromView(view, previous.get(view.id)?.lastSeq ?? 0));
        return next;
      });
      setError(null);
      for (const view of views) if (!isFinal(view.status)) subscribe(view.id);
    } catch (cause) {
      setError(describeFailure(cause));
    }
  }, [subscribe]);

  useEffect(() => {
    const socket = io({ auth: { token: apiKey.get() }, transports: ['websocket', 'polling'] });
    socketRef.current = socket;
    socket.on('connect', () => {
      setConnection('live');
      void reload();
    });
    socket.on('disconnect', () => setConnection('offline'));
    socket.on('connect_error', (cause: Error & { data?: { code?: string } }) => {
      setConnection('offline');
      // A refused key ends the handshake before the list is asked for: say so, or the page looks like an empty account.
      if (cause.data?.code === 'unauthorized') setError(describeFailure(new ApiError(401, 'unauthorized', cause.message)));
      else setError(`Live updates: ${cause.message}`);
    });
    socket.on('document.timeline', (entry: LiveEntry) => {
      if (entry.status === 'deleted') return forget(entry.documentId);
      const known = rowsRef.current.get(entry.documentId);
      if (!known) return void refresh(entry.documentId);
      if (entry.seq <= known.lastSeq) return;
      put(entry.documentId, (row) => row && (entry.seq > row.lastSeq ? applyEntry(row, entry) : row));
      if (isFinal(entry.status)) void refresh(entry.documentId);
    });
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [forget, put, refresh, reload]);

  const track = useCallback(
    (id: string) => {
      void refresh(id).then(() => subscribe(id));
    },
    [refresh, subscribe],
  );

  const retry = useCallback(
    async (id: string) => {
      await api.reprocess(id);
      put(
        id,
        (row) =>
          row && {
            ...row,
            summary: { ...row.summary, status: 'queued' },
            stages: blankStages(),
            error: null,
          },
      );
    },
    [put],
  );

  const cancel = useCallback(
    async (id: string) => {
      const view = await api.cancel(id);
      put(id, (row) => row && rowFromView(view, row.lastSeq));
    },
    [put],
  );

  const sorted = [...rows.values()].sort((a, b) => b.summary.createdAt.localeCompare(a.summary.createdAt));
  return { rows: sorted, connection, error, track, retry, cancel };
}
