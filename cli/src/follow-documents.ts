import { io, type Socket } from 'socket.io-client';
import type { ApiClient } from './api-client';

/** The statuses after which nothing more happens to a document unless someone asks (reprocess). */
export const DONE_STATUSES = new Set(['indexed', 'failed', 'cancelled', 'deleted', 'rejected']);

export interface DocumentOutcome {
  id: string;
  fileName: string;
  status: string;
  documentType: string | null;
  confidence: number | null;
  error: { stage: string; reason: string } | null;
}

interface TimelineEntry {
  documentId: string;
  seq: number;
  status: string;
}

export interface FollowOptions {
  /** Called on every status a document passes through, live. */
  onStatus: (documentId: string, status: string) => void;
  signal: AbortSignal;
}

/**
 * Follows documents until each is done: live over the notification socket (through the gateway's /socket.io),
 * replaying what happened before we subscribed; when the socket cannot connect, by long-polling `/wait`.
 * Resolves with each document's final view, in the order given; rejects with the signal's reason on timeout.
 */
export async function followDocuments(api: ApiClient, ids: string[], options: FollowOptions): Promise<DocumentOutcome[]> {
  const socket = await openSocket(api).catch(() => null);
  if (socket) await followBySocket(socket, ids, options);
  else await followByPolling(api, ids, options);
  return Promise.all(ids.map((id) => api.get<DocumentOutcome>(`/api/v1/documents/${id}`)));
}

function openSocket(api: ApiClient): Promise<Socket> {
  const socket = io(api.connection.url, { auth: { token: api.connection.apiKey }, transports: ['websocket'] });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

async function followBySocket(socket: Socket, ids: string[], options: FollowOptions): Promise<void> {
  const waiting = new Set(ids);
  const subscribeAll = (): void => {
    for (const documentId of waiting) socket.emit('subscribe', { documentId, afterSeq: 0 });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      options.signal.throwIfAborted();
      options.signal.addEventListener('abort', () => reject(options.signal.reason), { once: true });
      socket.on('document.timeline', (entry: TimelineEntry) => {
        if (!waiting.has(entry.documentId)) return;
        options.onStatus(entry.documentId, entry.status);
        if (DONE_STATUSES.has(entry.status)) waiting.delete(entry.documentId);
        if (waiting.size === 0) resolve();
      });
      // After a reconnect, subscribe again: what happened while disconnected is replayed.
      socket.io.on('reconnect', subscribeAll);
      subscribeAll();
    });
  } finally {
    socket.disconnect();
  }
}

async function followByPolling(api: ApiClient, ids: string[], options: FollowOptions): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      for (;;) {
        options.signal.throwIfAborted();
        const view = await api.get<{ status: string }>(`/api/v1/documents/${id}/wait?timeout=20`);
        options.onStatus(id, view.status);
        if (DONE_STATUSES.has(view.status)) return;
      }
    }),
  );
}
