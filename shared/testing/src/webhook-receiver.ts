import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a WebhookReceiver got, with the body exactly as sent (a signature covers those bytes). */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { id: string; type: string; documentId: string; tenantId: string; payload: unknown };
  /** The status the receiver answered. */
  status: number;
}

/** Decides the status of each request; the default answers 204. */
export type Answer = (request: Omit<ReceivedWebhook, 'status'>, index: number) => number;

/** An HTTP receiver on loopback that records every webhook request, answering what the test tells it to. */
export interface WebhookReceiver {
  url(path?: string): string;
  received: ReceivedWebhook[];
  answer(decide: Answer): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let decide: Answer = () => 204;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const seen = { path: request.url ?? '/', headers: request.headers, rawBody, body: JSON.parse(rawBody) as ReceivedWebhook['body'] };
      const status = decide(seen, received.length);
      received.push({ ...seen, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/hooks') => `http://127.0.0.1:${port}${path}`,
    received,
    answer: (next) => (decide = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The receiver's check from the README (Webhooks: verifying a delivery), word for word but typed: the signature must
 * be the HMAC of "<t>.<raw body>" with the endpoint's secret, and t within the tolerance of now.
 */
export function verifyDocpipeSignature(secret: string, header: string, rawBody: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
