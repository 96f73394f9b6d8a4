import { io, type Socket } from 'socket.io-client';
import type { LiveTimelineEntry, SubscribeReply } from '../../src/sockets/socket-protocol';

/** A socket.io client that records every timeline entry pushed to it. */
export interface TestClient {
  socket: Socket;
  received: LiveTimelineEntry[];
  of(documentId: string): number[];
  subscribe(documentId: string, afterSeq: number): Promise<SubscribeReply>;
  close(): void;
}

export interface ConnectOptions {
  token?: string;
  headers?: Record<string, string>;
}

export function connectClient(url: string, options: ConnectOptions): Promise<TestClient> {
  const socket = io(url, {
    auth: options.token ? { token: options.token } : {},
    extraHeaders: options.headers,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const received: LiveTimelineEntry[] = [];
  socket.on('document.timeline', (entry: LiveTimelineEntry) => received.push(entry));
  const client: TestClient = {
    socket,
    received,
    of: (documentId) => received.filter((entry) => entry.documentId === documentId).map((entry) => entry.seq),
    subscribe: (documentId, afterSeq) => socket.timeout(10_000).emitWithAck('subscribe', { documentId, afterSeq }),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Retries an assertion until it passes: entries arrive asynchronously. */
export async function eventually(check: () => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Lets anything still in flight arrive, before asserting that nothing more did. */
export const settle = (ms = 300): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
