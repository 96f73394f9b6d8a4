import { Client } from 'pg';
import { BrokerConnection, deadLetterQueueOf, delayQueueFor, delayQueueLengths, EventPublisher, queues, RpcClient } from '@docpipe/events';
import {
  DocumentClassified,
  DocumentExtracted,
  DocumentProgressed,
  GetDocument,
  objectKeys,
  type Envelope,
  type EventContract,
  type PayloadOf,
  type Stage,
} from '@docpipe/contracts';
import { createLogger } from '@docpipe/platform';
import {
  getQueue,
  isolatedDatabase,
  isolatedVhost,
  startServiceProcess,
  type IsolatedDatabase,
  type IsolatedVhost,
  type ServiceProcess,
} from '@docpipe/stack';
import { newTenant, uploadDocument } from './support/documents';
import { eventually, type Caller } from './support/metadata-under-test';

const facts = {
  fileName: 'invoice-2025-01.pdf',
  mediaType: 'application/pdf',
  tags: [],
  uploadedAt: '2025-01-01T00:00:00.000Z',
  runStartedAt: '2025-01-01T00:00:00.000Z',
};
const producer = { name: 'test-producer', version: '1.0.0' };

/** Metadata as `npm start` runs it, in a child process that the tests stop, restart and kill. */
describe('metadata applies pipeline events in batches', () => {
  let database: IsolatedDatabase;
  let vhost: IsolatedVhost;
  let service: ServiceProcess | undefined;
  let connection: BrokerConnection;
  let caller: Caller;
  let sql: Client;

  const start = async () => {
    service = await startServiceProcess('metadata', {
      ...process.env,
      DATABASE_URL: database.url,
      RABBITMQ_URL: vhost.url,
      EVENTS_PREFETCH: '64',
      LOG_LEVEL: 'warn',
    });
  };

  beforeAll(async () => {
    [database, vhost] = await Promise.all([isolatedDatabase('metadata'), isolatedVhost('metadata')]);
    await start();
    const logger = createLogger({ service: 'metadata-batch-test', level: 'silent' });
    connection = new BrokerConnection({ url: vhost.url, connectionName: 'metadata-batch-test', logger });
    const publisher = new EventPublisher(connection, { confirmTimeoutMs: 10_000, topology: [queues.trackStatus], logger });
    const rpc = new RpcClient(connection, { timeoutMs: 10_000, logger });
    await publisher.start();
    await rpc.start();
    connection.start();
    await connection.whenConnected();
    caller = {
      publish: (contract, payload, target) => publisher.publish(contract, payload, target),
      republish: (envelope, contract) => publisher.publishEnvelope(envelope, contract.routingKey),
      call: (contract, request) => rpc.call(contract, request),
    };
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await connection?.close();
    await service?.stop();
    await Promise.all([database?.drop(), vhost?.remove()]);
  });

  /** Registered documents (their document.uploaded applied) and the events a worker would publish about them. */
  async function newDocuments(count: number) {
    const tenantId = newTenant();
    const ids = await Promise.all(Array.from({ length: count }, () => uploadDocument(caller, tenantId).then((reply) => reply.documentId)));
    await eventually(async () => expect(await timelineRows(ids)).toBe(count));
    return ids.map((documentId) => {
      const target = { tenantId, documentId };
      const textKey = objectKeys.extractedText(tenantId, documentId);
      const publish = <C extends EventContract>(contract: C, payload: PayloadOf<C>) => caller.publish(contract, payload, target);
      return {
        ...target,
        started: (stage: Stage) => publish(DocumentProgressed, { stage, status: 'started', attempt: 1 }),
        tick: (stage: Stage, done: number, total: number) =>
          publish(DocumentProgressed, { stage, status: 'progress', attempt: 1, done, total }),
        extracted: () => publish(DocumentExtracted, { textKey, pages: 40, characters: 90_000, language: 'en', extractor: producer, facts }),
        classified: () =>
          publish(DocumentClassified, { textKey, documentType: 'invoice', confidence: 0.9, fields: {}, classifier: producer, facts }),
      };
    });
  }
  type Doc = Awaited<ReturnType<typeof newDocuments>>[number];

  /** Extraction with a tick per page, then classification: what a 40-page scanned PDF makes its workers publish. */
  async function publishLife(doc: Doc, ticks: number): Promise<Envelope[]> {
    const published: Envelope[] = [await doc.started('extraction')];
    for (let page = 1; page <= ticks; page += 1) published.push(await doc.tick('extraction', page, ticks));
    published.push(await doc.extracted(), await doc.started('classification'), await doc.classified());
    return published;
  }

  async function timelineRows(documentIds: string[]): Promise<number> {
    const { rows } = await sql.query<{ count: string }>('SELECT count(*) FROM document_timeline WHERE document_id = ANY($1::uuid[])', [
      documentIds,
    ]);
    return Number(rows[0]!.count);
  }

  async function timelineOf(documentId: string) {
    const { rows } = await sql.query<{ seq: number; type: string; status: string; done: number | null }>(
      `SELECT seq, type, status, (detail->>'done')::int AS done FROM document_timeline WHERE document_id = $1 ORDER BY seq`,
      [documentId],
    );
    return rows;
  }

  const statusOf = async (doc: Doc) => (await caller.call(GetDocument, doc)).status;
  const transitions = (entries: { type: string; status: string; done: number | null }[]) =>
    entries.filter((entry) => entry.done === null).map((entry) => [entry.type, entry.status]);
  const lifeTransitions = [
    ['document.uploaded', 'queued'],
    ['document.progressed', 'extracting'],
    ['document.extracted', 'extracted'],
    ['document.progressed', 'classifying'],
    ['document.classified', 'classified'],
  ];

  it('writes only the last of a document’s progress ticks in a batch, and every state transition in order', async () => {
    const [doc] = await newDocuments(1);
    // Queued while metadata is down, the events reach it together, as under load.
    await service!.stop();
    await publishLife(doc, 200);
    await start();

    await eventually(async () => expect(await statusOf(doc)).toBe('classified'));
    const timeline = await timelineOf(doc.documentId);
    expect(transitions(timeline)).toEqual(lifeTransitions);
    expect(timeline.map((entry) => entry.seq)).toEqual(timeline.map((_, index) => index + 1));
    const ticks = timeline.filter((entry) => entry.done !== null);
    // One entry per batch that held ticks (batches of up to 64 events, as many as had arrived): ten times fewer at least.
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    expect(ticks.length).toBeLessThanOrEqual(20);
    expect(ticks.at(-1)!.done).toBe(200);
    expect(ticks.map((entry) => entry.done)).toEqual([...ticks.map((entry) => entry.done)].sort((a, b) => a! - b!));
  });

  it('loses nothing and applies nothing twice when metadata is killed in the middle of its batches', async () => {
    const docs = await newDocuments(8);
    const ids = docs.map((doc) => doc.documentId);
    // Published while metadata runs, and metadata killed as soon as its first batch committed: most events are still
    // to come or unapplied, some in an open transaction. (Queued while it was down, a quiet machine applied them all
    // before the first look.)
    const publishing = Promise.all(docs.map((doc) => publishLife(doc, 200)));
    await eventually(async () => expect(await timelineRows(ids)).toBeGreaterThan(docs.length), 30_000);
    await service!.kill();
    const appliedBeforeCrash = await timelineRows(ids);
    const published = (await publishing).flat();
    await start();

    for (const doc of docs) await eventually(async () => expect(await statusOf(doc)).toBe('classified'), 30_000);
    expect(appliedBeforeCrash).toBeLessThan(docs.length * (lifeTransitions.length + 1));
    for (const doc of docs) {
      const timeline = await timelineOf(doc.documentId);
      expect(transitions(timeline)).toEqual(lifeTransitions);
      expect(timeline.map((entry) => entry.seq)).toEqual(timeline.map((_, index) => index + 1));
    }
    const { rows } = await sql.query<{ count: string }>('SELECT count(*) FROM processed_events WHERE event_id = ANY($1::uuid[])', [
      published.map((event) => event.id),
    ]);
    expect(Number(rows[0]!.count)).toBe(published.length);
    expect(await getQueue(vhost.managementUrl, vhost.vhost, deadLetterQueueOf(queues.trackStatus.name))).toMatchObject({ messages: 0 });
  });

  it('applies the rest of a batch when one event of it fails, and sends that one to be retried', async () => {
    const [doc, neighbour] = await newDocuments(2);
    await service!.stop();
    await doc.started('extraction');
    // PostgreSQL refuses a NUL character in text and jsonb: this event can never be stored.
    await caller.publish(DocumentProgressed, { stage: 'extraction', status: 'retrying', attempt: 2, reason: 'worker\u0000died' }, doc);
    await doc.extracted();
    await publishLife(neighbour, 10);
    await start();

    await eventually(async () => expect(await statusOf(neighbour)).toBe('classified'));
    await eventually(async () => expect(await statusOf(doc)).toBe('extracted'));
    expect(transitions(await timelineOf(doc.documentId))).toEqual(lifeTransitions.slice(0, 3));
    await eventually(async () => {
      const delayQueues = delayQueueLengths(queues.trackStatus.retry).map((ms) =>
        getQueue(vhost.managementUrl, vhost.vhost, delayQueueFor(ms)),
      );
      const waiting = (await Promise.all(delayQueues)).reduce((sum, queue) => sum + (queue?.messages ?? 0), 0);
      expect(waiting).toBe(1);
    });
  });
});
