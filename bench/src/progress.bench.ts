import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { BrokerConnection, EventPublisher, queues, RpcClient } from '@docpipe/events';
import {
  DocumentProgressed,
  DocumentTimelineAppended,
  DocumentUploaded,
  GetTimeline,
  objectKeys,
  RegisterDocument,
  type TimelineEntry,
} from '@docpipe/contracts';
import { createLogger } from '@docpipe/platform';
import { isolatedDatabase, isolatedVhost, startServiceProcess } from '@docpipe/stack';
import { inWindows } from './event-backbone.bench';
import type { Recorder } from './report';
import { elapsedMs, latencies, type Latencies } from './stats';

export interface ProgressOptions {
  /** socket.io clients connected at once to each side, all of one tenant. */
  clients: number;
  /** Events measured per path, one at a time: each is sent once the previous one reached every client. */
  events: number;
}

/** What the notification service pushes and what a client sends (services/notification/src/sockets/socket-protocol.ts). */
const TIMELINE_EVENT = 'document.timeline';
const SUBSCRIBE_EVENT = 'subscribe';
type LiveEntry = TimelineEntry & { documentId: string };
type SubscribeReply = { ok: true; replayed: number; lastSeq: number } | { ok: false; error: { code: string; message: string } };

/** Events sent before measuring, on every path: the first ones pay for JIT compilation and lazy set-up. */
const WARM_UP = 5;
/** Clients connecting (and subscribing) at once, as a crowd of browsers would, without a thundering herd. */
const CONNECTING = 50;
const DELIVERY_TIMEOUT_MS = 15_000;
const REGISTER_SOURCE = join(__dirname, '..', '..', 'shared', 'stack', 'src', 'register-source.js');

type Cleanup = () => Promise<unknown> | void;

/**
 * Publish → socket.io client latency with 1,000 clients of one tenant, through the real notification service
 * (and metadata, which answers their subscribe) vs a bare socket.io server in a process of its own. The paths
 * take turns event by event, so a burst of other work on the machine hits them alike.
 */
export async function benchProgress(options: ProgressOptions, env: NodeJS.ProcessEnv, recorder: Recorder): Promise<void> {
  const cleanups: Cleanup[] = [];
  try {
    const bare = await startBareServer(cleanups);
    const services = await startNotification(env, cleanups);
    const bareClients = new Audience();
    const clients = new Audience();
    cleanups.push(
      () => bareClients.close(),
      () => clients.close(),
    );
    await bareClients.connect(bare.url, options.clients);
    const start = performance.now();
    await clients.connect(services.url, options.clients, services.apiKey, services.documentId);
    const connected = `${options.clients} clients connected and subscribed in ${(elapsedMs(start) / 1000).toFixed(1)} s`;

    const samples = { baseline: new Samples(), direct: new Samples(), viaMetadata: new Samples() };
    const elsewhere = randomUUID();
    for (let index = 0; index < WARM_UP + options.events; index++) {
      const entry = progressEntry(index + 1, index, options.events);
      const baseline = await bareClients.deliver(elsewhere, entry.seq, () => bare.emit({ documentId: elsewhere, ...entry }));
      const direct = await clients.deliver(elsewhere, entry.seq, () => services.announce(elsewhere, entry));
      // Seq 1 is the registered document's document.uploaded; metadata numbers each progress event after it, in order.
      const viaMetadata = await clients.deliver(services.documentId, index + 2, () => services.progress(index, options.events));
      if (index < WARM_UP) continue;
      samples.baseline.add(baseline);
      samples.direct.add(direct);
      samples.viaMetadata.add(viaMetadata);
    }

    const [baseline, direct, viaMetadata] = [samples.baseline.run(), samples.direct.run(), samples.viaMetadata.run()];
    const section = `6. progress latency (${options.clients} socket.io clients, ${options.events} events one at a time)`;
    const figures: Array<[string, number, number, string?]> = [
      ['timeline-appended publish→client p50', direct.delivery.p50, baseline.delivery.p50, connected],
      ['timeline-appended publish→client p99', direct.delivery.p99, baseline.delivery.p99],
      ['timeline-appended publish→last client p50', direct.lastClient.p50, baseline.lastClient.p50],
      ['timeline-appended publish→last client p99', direct.lastClient.p99, baseline.lastClient.p99],
      ['worker progress event→client p50 (via metadata)', viaMetadata.delivery.p50, baseline.delivery.p50],
      ['worker progress event→client p99 (via metadata)', viaMetadata.delivery.p99, baseline.delivery.p99],
      ['worker progress event→last client p50 (via metadata)', viaMetadata.lastClient.p50, baseline.lastClient.p50],
      ['worker progress event→last client p99 (via metadata)', viaMetadata.lastClient.p99, baseline.lastClient.p99],
    ];
    for (const [name, value, baselineValue, note] of figures) {
      recorder.add({
        section,
        name,
        unit: 'ms',
        value,
        baseline: { name: 'bare socket.io server', value: baselineValue },
        better: 'lower',
        note,
      });
    }
  } finally {
    await cleanUp(cleanups);
  }
}

/** Runs every cleanup, last first, even when one fails. */
async function cleanUp(cleanups: Cleanup[]): Promise<void> {
  const failures: unknown[] = [];
  for (const cleanup of cleanups.reverse())
    await Promise.resolve()
      .then(cleanup)
      .catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw new AggregateError(failures, 'Section 6 could not stop everything it started');
}

/** The baseline: a socket.io server with nothing behind it (bare-socket-server.ts), emitting what it is sent over IPC. */
async function startBareServer(cleanups: Cleanup[]): Promise<{ url: string; emit(entry: LiveEntry): Promise<void> }> {
  const server = fork(join(__dirname, 'bare-socket-server.ts'), [], { execArgv: ['--require', REGISTER_SOURCE] });
  cleanups.push(async () => {
    const exited = server.exitCode === null && server.signalCode === null ? once(server, 'exit') : undefined;
    if (server.connected) server.disconnect();
    await exited;
  });
  const listening = (await Promise.race([once(server, 'message'), once(server, 'exit').then(() => undefined)])) as
    [{ port: number }] | undefined;
  if (!listening) throw new Error('The bare socket.io server of section 6 exited before it listened; its output is above');
  return {
    url: `http://127.0.0.1:${listening[0].port}`,
    emit: (entry) => new Promise((resolve, reject) => server.send(entry, (error) => (error ? reject(error) : resolve()))),
  };
}

interface NotificationSide {
  url: string;
  apiKey: string;
  /** A registered document, which the clients subscribe to. */
  documentId: string;
  /** Publishes document.timeline-appended as metadata does. */
  announce(documentId: string, entry: TimelineEntry): Promise<void>;
  /** Publishes the registered document's document.progressed as a worker does; metadata appends and announces it. */
  progress(done: number, total: number): Promise<void>;
}

/** The notification and metadata services as processes on a vhost and database of their own, and a registered document. */
async function startNotification(env: NodeJS.ProcessEnv, cleanups: Cleanup[]): Promise<NotificationSide> {
  const tenantId = `bench-${randomBytes(4).toString('hex')}`;
  const apiKey = `key-${randomBytes(12).toString('hex')}`;
  const [vhost, database] = await Promise.all([isolatedVhost('bench', env), isolatedDatabase('bench', env)]);
  cleanups.push(() => Promise.all([vhost.remove(), database.drop()]));
  const serviceEnv = { ...env, RABBITMQ_URL: vhost.url, DATABASE_URL: database.url, API_KEYS: `${tenantId}:${apiKey}`, LOG_LEVEL: 'warn' };
  const metadata = await startServiceProcess('metadata', serviceEnv);
  cleanups.push(() => metadata.stop());
  const notification = await startServiceProcess('notification', serviceEnv);
  cleanups.push(() => notification.stop());

  const logger = createLogger({ service: 'bench', level: 'silent' });
  const connection = new BrokerConnection({ url: vhost.url, connectionName: 'bench-progress', logger });
  cleanups.push(() => connection.close());
  const publisher = new EventPublisher(connection, { confirmTimeoutMs: 10_000, topology: [queues.trackStatus], logger });
  const rpc = new RpcClient(connection, { timeoutMs: 30_000, logger });
  await publisher.start();
  await rpc.start();
  connection.start();
  await connection.whenConnected();
  const documentId = await registerDocument(rpc, publisher, tenantId);
  return {
    url: notification.url,
    apiKey,
    documentId,
    announce: async (target, entry) => void (await publisher.publish(DocumentTimelineAppended, entry, { tenantId, documentId: target })),
    progress: async (done, total) =>
      void (await publisher.publish(
        DocumentProgressed,
        { stage: 'extraction', status: 'progress', attempt: 1, done, total },
        { tenantId, documentId },
      )),
  };
}

/** Registers a document as the gateway does, announces it stored as ingestion does, and waits until that is on its timeline (seq 1). */
async function registerDocument(rpc: RpcClient, publisher: EventPublisher, tenantId: string): Promise<string> {
  const documentId = randomUUID();
  const upload = { fileName: 'progress.pdf', sizeBytes: 2048, sha256: randomBytes(32).toString('hex') };
  await rpc.call(RegisterDocument, { tenantId, documentId, ...upload, stagingKey: objectKeys.staging(tenantId, randomUUID()) });
  const objectKey = objectKeys.original(tenantId, documentId);
  await publisher.publish(DocumentUploaded, { ...upload, objectKey, mediaType: 'application/pdf', tags: [] }, { tenantId, documentId });
  for (let tries = 0; (await rpc.call(GetTimeline, { tenantId, documentId })).entries.length === 0; tries++) {
    if (tries > 100) throw new Error(`document.uploaded of ${documentId} never reached its timeline: is metadata's outbox relay running?`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return documentId;
}

/** A timeline entry as metadata appends it for a document.progressed of the extraction stage. */
function progressEntry(seq: number, done: number, total: number): TimelineEntry {
  return {
    seq,
    type: DocumentProgressed.type,
    stage: 'extraction',
    status: 'extracting',
    detail: { stage: 'extraction', status: 'progress', attempt: 1, done, total },
    occurredAt: new Date().toISOString(),
  };
}

/** One event's way to every client: send → receive at each client, and send → the last of them (ms). */
interface Delivered {
  latencies: number[];
  lastClient: number;
}

class Samples {
  private readonly deliveries: number[] = [];
  private readonly lastClient: number[] = [];

  add(delivered: Delivered): void {
    for (const latency of delivered.latencies) this.deliveries.push(latency);
    this.lastClient.push(delivered.lastClient);
  }

  run(): { delivery: Latencies; lastClient: Latencies } {
    return { delivery: latencies(this.deliveries), lastClient: latencies(this.lastClient) };
  }
}

interface Awaited {
  documentId: string;
  seq: number;
  sentAt: number;
  latencies: number[];
  everyone: () => void;
}

/** Connected clients, all in this process, and when the awaited entry reached each of them. */
class Audience {
  private readonly sockets: Socket[] = [];
  private awaited?: Awaited;

  /** Connects `count` clients; with a document, each subscribes to it as the web UI does for a document in progress. */
  async connect(url: string, count: number, token?: string, documentId?: string): Promise<void> {
    await inWindows(count, CONNECTING, async () => {
      const socket = io(url, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
      this.sockets.push(socket);
      socket.on(TIMELINE_EVENT, (entry: LiveEntry) => this.arrived(entry));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      if (!documentId) return;
      const reply = (await socket.timeout(30_000).emitWithAck(SUBSCRIBE_EVENT, { documentId, afterSeq: 0 })) as SubscribeReply;
      if (!reply.ok) throw new Error(`subscribe to ${documentId} was refused: ${reply.error.code} (${reply.error.message})`);
    });
  }

  /** Sends one entry and resolves once every client has it. */
  async deliver(documentId: string, seq: number, send: () => Promise<void>): Promise<Delivered> {
    const awaited: Awaited = { documentId, seq, sentAt: 0, latencies: [], everyone: () => undefined };
    const everyone = new Promise<void>((resolve) => (awaited.everyone = resolve));
    this.awaited = awaited;
    awaited.sentAt = performance.now();
    try {
      await Promise.all([send(), this.within(everyone, awaited)]);
    } finally {
      this.awaited = undefined;
    }
    return { latencies: awaited.latencies, lastClient: awaited.latencies.at(-1)! };
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }

  private arrived(entry: LiveEntry): void {
    const now = performance.now();
    const awaited = this.awaited;
    if (!awaited || entry.documentId !== awaited.documentId || entry.seq !== awaited.seq) return;
    awaited.latencies.push(now - awaited.sentAt);
    if (awaited.latencies.length === this.sockets.length) awaited.everyone();
  }

  private async within(everyone: Promise<void>, awaited: Awaited): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const { latencies: got, seq, documentId } = awaited;
        reject(
          new Error(
            `Only ${got.length} of ${this.sockets.length} clients got seq ${seq} of ${documentId} within ${DELIVERY_TIMEOUT_MS} ms`,
          ),
        );
      }, DELIVERY_TIMEOUT_MS);
    });
    try {
      await Promise.race([everyone, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
