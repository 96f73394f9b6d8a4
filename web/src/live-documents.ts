import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { api, apiKey, ApiError, describeFailure, type DocumentListFacets } from './api';
import {
  applyEntry,
  blankStages,
  isFinal,
  rowFromSummary,
  rowFromView,
  type Connection,
  type DocumentRow,
  type LiveEntry,
  type SubscribeReply,
} from './document-rows';
import { isFiltered, isNewestFirst, type ListFilters } from './list-filters';

export { isFinal, STAGES, type DocumentRow } from './document-rows';

/** Entries for documents not on the page arrive in bursts (one per stage): one list request answers a burst. */
const RELOAD_DEBOUNCE_MS = 300;

export interface LiveDocuments {
  rows: DocumentRow[];
  total: number;
  /** The page's counts per status, type and tag, as of its last load. */
  facets: DocumentListFacets | undefined;
  connection: Connection;
  error: string | null;
  track: (id: string) => void;
  retry: (id: string) => Promise<void>;
  cancel: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  /** Replaces the document's tags. */
  retag: (id: string, tags: string[]) => Promise<void>;
}

/**
 * One page of the document list, kept live: the REST page is the truth on load, on a change of filters and on every
 * (re)connect; socket pushes move the page's rows in between, and its in-progress documents are subscribed with the
 * last seq seen so nothing is missed. Documents off the page are not followed.
 */
export function useLiveDocuments(filters: ListFilters): LiveDocuments {
  const [rows, setRows] = useState<Map<string, DocumentRow>>(new Map());
  const [total, setTotal] = useState(0);
  const [facets, setFacets] = useState<DocumentListFacets | undefined>(undefined);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [error, setError] = useState<string | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const socketRef = useRef<Socket | null>(null);
  // The rows in the server's order (the view's sort); a document tracked since is not in it and goes first.
  const orderRef = useRef(new Map<string, number>());

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
      const page = await api.list({ ...filters, facets: true });
      const previous = rowsRef.current;
      // A row already followed live keeps what it learnt (timings, the failed stage) while its status is unchanged.
      const kept = (id: string, status: string) => {
        const row = previous.get(id);
        return row && row.summary.status === status ? row : undefined;
      };
      const next = new Map<string, DocumentRow>();
      const unexplained: string[] = [];
      for (const summary of page.items) {
        const lastSeq = previous.get(summary.id)?.lastSeq ?? 0;
        const row = kept(summary.id, summary.status) ?? rowFromSummary(summary, lastSeq);
        if (row) next.set(summary.id, { ...row, summary });
        else unexplained.push(summary.id);
      }
      const views = await Promise.all(unexplained.map((id) => api.get(id)));
      for (const view of views) next.set(view.id, rowFromView(view, previous.get(view.id)?.lastSeq ?? 0));
      orderRef.current = new Map(page.items.map((summary, index) => [summary.id, index]));
      setRows(next);
      setTotal(page.total);
      setFacets(page.facets);
      setError(null);
      for (const summary of page.items) if (!isFinal(summary.status)) subscribe(summary.id);
    } catch (cause) {
      setError(describeFailure(cause));
    }
  }, [filters, subscribe]);

  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    let reloadTimer: ReturnType<typeof setTimeout> | undefined;
    const reloadSoon = () => {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => void reloadRef.current(), RELOAD_DEBOUNCE_MS);
    };
    const socket = io({ auth: { token: apiKey.get() }, transports: ['websocket', 'polling'] });
    socketRef.current = socket;
    let connectedBefore = false;
    socket.on('connect', () => {
      setConnection('live');
      // The page was asked for on mount: follow its documents in progress. After a reconnect, what happened meanwhile
      // may have changed the page itself: ask again, and its in-progress documents catch up from their last seq.
      if (connectedBefore) void reloadRef.current();
      else for (const row of rowsRef.current.values()) if (!isFinal(row.summary.status)) subscribe(row.summary.id);
      connectedBefore = true;
    });
    socket.on('disconnect', () => setConnection('offline'));
    socket.on('connect_error', (cause: Error & { data?: { code?: string } }) => {
      setConnection('offline');
      // A refused key ends the handshake: say so, or the page looks like an empty account.
      if (cause.data?.code === 'unauthorized') setError(describeFailure(new ApiError(401, 'unauthorized', cause.message)));
      else setError(`Live updates: ${cause.message}`);
    });
    socket.on('document.timeline', (entry: LiveEntry) => {
      if (entry.status === 'deleted') return forget(entry.documentId);
      const known = rowsRef.current.get(entry.documentId);
      if (!known) {
        // Newest first, a new document belongs on the first page only; whether it passes filters, or where another
        // order puts it, the list decides.
        const current = filtersRef.current;
        if (isNewestFirst(current) && current.page !== 1) return;
        return isFiltered(current) || !isNewestFirst(current) ? reloadSoon() : void refresh(entry.documentId);
      }
      if (entry.seq <= known.lastSeq) return;
      put(entry.documentId, (row) => row && (entry.seq > row.lastSeq ? applyEntry(row, entry) : row));
      if (isFinal(entry.status)) void refresh(entry.documentId);
    });
    return () => {
      clearTimeout(reloadTimer);
      socket.disconnect();
      socketRef.current = null;
    };
  }, [forget, put, refresh, subscribe]);

  const track = useCallback(
    (id: string) => {
      void refresh(id).then(() => subscribe(id));
    },
    [refresh, subscribe],
  );

  const retry = useCallback(
    async (id: string) => {
      await api.reprocess(id);
      put(id, (row) => row && { ...row, summary: { ...row.summary, status: 'queued' }, stages: blankStages(), error: null });
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

  const remove = useCallback(
    async (id: string) => {
      await api.remove(id);
      forget(id);
      setTotal((count) => Math.max(0, count - 1));
    },
    [forget],
  );

  const retag = useCallback(
    async (id: string, tags: string[]) => {
      const view = await api.edit(id, { tags });
      put(id, (row) => row && { ...row, summary: { ...row.summary, tags: view.tags } });
    },
    [put],
  );

  const rank = (row: DocumentRow) => orderRef.current.get(row.summary.id) ?? -1;
  const ordered = [...rows.values()].sort((a, b) => rank(a) - rank(b) || b.summary.createdAt.localeCompare(a.summary.createdAt));
  return { rows: ordered, total, facets, connection, error, track, retry, cancel, remove, retag };
}
