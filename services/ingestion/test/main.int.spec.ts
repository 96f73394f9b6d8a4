import { createHash, randomUUID } from 'node:crypto';
import { BrokerConnection, RpcClient } from '@docpipe/events';
import { GetDocument, IngestUpload, objectKeys } from '@docpipe/contracts';
import { createLogger, loadConfig } from '@docpipe/platform';
import {
  isolatedDatabase,
  isolatedVhost,
  startServiceProcess,
  type IsolatedDatabase,
  type IsolatedVhost,
  type ServiceProcess,
} from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { waitFor } from '@docpipe/testing';
import { listKeys } from './support/infrastructure';
import { pdfSample } from './support/samples';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('ingestion and the real metadata service, each started from its entry point', () => {
  const tenantId = `tenant-${randomUUID()}`;
  const store = new ObjectStore(loadConfig(storageConfigSchema));
  const logger = createLogger({ service: 'ingestion-test', level: 'silent' });
  let database: IsolatedDatabase;
  let vhost: IsolatedVhost;
  let connection: BrokerConnection;
  let rpc: RpcClient;
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    [database, vhost] = await Promise.all([isolatedDatabase('ingestion'), isolatedVhost('ingestion')]);
    services.push(
      ...(await Promise.all([
        startServiceProcess('metadata', { ...process.env, RABBITMQ_URL: vhost.url, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }),
        startServiceProcess('ingestion', { ...process.env, RABBITMQ_URL: vhost.url, LOG_LEVEL: 'warn' }),
      ])),
    );
    connection = new BrokerConnection({ url: vhost.url, connectionName: 'ingestion-main-test', logger });
    rpc = new RpcClient(connection, { timeoutMs: 30_000, logger });
    await rpc.start();
    connection.start();
    await connection.whenConnected();
  });

  afterAll(async () => {
    await connection?.close();
    await Promise.all(services.map((service) => service.kill()));
    for (const prefix of ['staging', 'originals']) await store.removePrefix(`${prefix}/${tenantId}/`);
    await Promise.all([database?.drop(), vhost?.remove()]);
  });

  async function ingest(bytes: Buffer, fileName: string) {
    const stagingKey = objectKeys.staging(tenantId, randomUUID());
    await store.put(stagingKey, bytes);
    return rpc.call(IngestUpload, {
      tenantId,
      stagingKey,
      sha256: sha256(bytes),
      sizeBytes: bytes.length,
      fileName,
    });
  }

  it('records an upload in PostgreSQL, answers the same content again with duplicateOf, and stops on SIGTERM', async () => {
    const pdf = await pdfSample(`Invoice ${randomUUID()}`);
    const first = await ingest(pdf, 'invoice.pdf');
    expect(first).toMatchObject({ status: 'queued', duplicateOf: null, mediaType: 'application/pdf' });

    // Metadata announced document.uploaded through its outbox and consumed it: the ingestion stage is done.
    const view = await waitFor(async () => {
      const document = await rpc.call(GetDocument, { tenantId, documentId: first.documentId });
      return document.stages[0].status === 'done' ? document : undefined;
    }, 'the ingestion stage recorded as done');
    expect(view).toMatchObject({
      fileName: 'invoice.pdf',
      sha256: sha256(pdf),
      sizeBytes: pdf.length,
      objectKey: objectKeys.original(tenantId, first.documentId),
    });

    const again = await ingest(pdf, 'invoice-copy.pdf');
    expect(again).toEqual({
      documentId: first.documentId,
      status: 'queued',
      duplicateOf: first.documentId,
      mediaType: 'application/pdf',
    });
    expect(await listKeys(`originals/${tenantId}/`)).toEqual([objectKeys.original(tenantId, first.documentId)]);

    const stopped = await Promise.all(services.map((service) => service.stop()));
    expect(stopped).toEqual([
      { code: null, signal: 'SIGTERM' },
      { code: null, signal: 'SIGTERM' },
    ]);
  });
});
