import type { Server, Socket } from 'socket.io';
import type { TimelineEntry } from '@docpipe/contracts';

/** Pushed for every timeline entry of the socket's tenant, live or replayed after a subscribe; dedupe by (documentId, seq). */
export const TIMELINE_EVENT = 'document.timeline';
/** Sent by a client to catch up on one document: `{ documentId, afterSeq }`, answered through the ack. */
export const SUBSCRIBE_EVENT = 'subscribe';

export type LiveTimelineEntry = TimelineEntry & { documentId: string };

export interface SubscribeRequest {
  documentId: string;
  /** The last seq the client has seen of this document; 0 (the default) replays the whole timeline. */
  afterSeq?: number;
}

/** Replayed entries are pushed as TIMELINE_EVENT before this reply. */
export type SubscribeReply = { ok: true; replayed: number; lastSeq: number } | { ok: false; error: { code: string; message: string } };

export interface ServerToClientEvents {
  [TIMELINE_EVENT]: (entry: LiveTimelineEntry) => void;
}

export interface ClientToServerEvents {
  // What a client sends is checked at run time, so it is typed as unknown here.
  [SUBSCRIBE_EVENT]: (request: unknown, ack?: (reply: SubscribeReply) => void) => void;
}

/** Set by the handshake: the tenant of the API key or token, never chosen by the client, and when a token expires. */
export interface SocketData {
  tenantId: string;
  expiresAt?: Date;
}

export type NotificationServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type NotificationSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const tenantRoom = (tenantId: string): string => `tenant:${tenantId}`;
