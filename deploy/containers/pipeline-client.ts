// What the container test does through the gateway's REST API and the notification socket.
import { io } from 'socket.io-client';
import { API_KEY } from './stack';

const headers = { authorization: `Bearer ${API_KEY}` };

/** `count` small text documents, each with words of its own and the `label`, in one upload; answers their ids. */
export function uploadAll(gatewayUrl: string, count: number, label: string): Promise<string[]> {
  const files = Array.from({ length: count }, (_, n) => ({
    name: `${label}-${n}.txt`,
    type: 'text/plain',
    bytes: Buffer.from(
      `Container test ${label} document ${n}.\nThe ${label} note number ${n} is about shipping crates of oranges to harbour ${n}.\n`,
    ),
  }));
  return uploadFiles(gatewayUrl, files);
}

/** The files in one upload through the gateway; answers their ids in the same order. */
export async function uploadFiles(gatewayUrl: string, files: { name: string; type: string; bytes: Buffer }[]): Promise<string[]> {
  const form = new FormData();
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const response = await fetch(`${gatewayUrl}/api/v1/documents`, { method: 'POST', headers, body: form });
  if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { documents: { id: string }[] };
  return body.documents.map((document) => document.id);
}

/** Long-polls each document until it is indexed; a failed document or the deadline fails the test. */
export async function waitIndexed(gatewayUrl: string, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const id of ids) {
    for (;;) {
      const left = Math.ceil((deadline - Date.now()) / 1000);
      if (left <= 0) throw new Error(`document ${id} not indexed within ${timeoutMs / 1000} s`);
      const response = await fetch(`${gatewayUrl}/api/v1/documents/${id}/wait?timeout=${Math.min(left, 25)}`, { headers });
      const body = (await response.json()) as { status?: string; error?: unknown };
      if (body.status === 'indexed') break;
      if (body.status === 'failed') throw new Error(`document ${id} failed: ${JSON.stringify(body)}`);
    }
  }
}

/** Ids of the documents a search finds (hybrid by default; keyword finds only documents holding the words). */
export async function searchFor(gatewayUrl: string, query: string, mode: 'hybrid' | 'keyword' = 'hybrid'): Promise<string[]> {
  const response = await fetch(`${gatewayUrl}/api/v1/search?q=${encodeURIComponent(query)}&mode=${mode}`, { headers });
  if (!response.ok) throw new Error(`search answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { hits: { documentId: string }[] };
  return body.hits.map((hit) => hit.documentId);
}

export interface Timelines {
  stagesOf(documentId: string): string[];
  close(): void;
}

/** A socket to notification that records every timeline entry it pushes. */
export async function watchTimelines(notificationUrl: string): Promise<Timelines> {
  const socket = io(notificationUrl, { auth: { token: API_KEY }, transports: ['websocket'], reconnection: true });
  const entries: { documentId: string; type?: string; stage?: string; status?: string }[] = [];
  socket.on('document.timeline', (entry: { documentId: string; type?: string; stage?: string; status?: string }) => entries.push(entry));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no socket connection to notification within 20 s')), 20_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return {
    stagesOf: (documentId) =>
      entries.filter((entry) => entry.documentId === documentId).map((entry) => entry.type ?? entry.status ?? entry.stage ?? '?'),
    close: () => socket.close(),
  };
}
