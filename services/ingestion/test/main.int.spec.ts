import { createHash, randomUUID } from 'node:crypto';
import { BrokerConnection, RpcClient } from '@docpipe/events';
import { GetDocument, objectKeys, RegisterDocument, type DocumentView } from '@docpipe/contracts';
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
import { pdfSample, zipSample } from './support/samples';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('ingestion and the real metadata service, each started from its entry point', () => {
  const tenantId = `tenant-${randomUUID()}`;
  const store = new ObjectStore(loadConfig(storageConfigSchema));
  const logger = createLogger({ service: 'ingestion-test', level: 'silent' });
  let database: IsolatedDatabase;
  let vhost: IsolatedVhost;
  let connection: BrokerConnection;
  let rpc: RpcClient;
  let metadata: ServiceProcess;

  beforeAll(async () => {
    [database, vhost] = await Promise.all([isolatedDatabase('ingestion'), isolatedVhost('ingestion')]);
    metadata = await startServiceProcess('metadata', {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
    });
    connection = new BrokerConnection({ url: vhost.url, connectionName: 'ingestion-main-test', logger });
    rpc = new RpcClient(connection, { timeoutMs: 30_000, logger });
    await rpc.start();
    connection.start();
    await connection.whenConnected();
  });

  afterAll(async () => {
    await connection?.close();
    await metadata?.kill();
    for (const prefix of ['staging', 'originals']) await store.removePrefix(`${prefix}/${tenantId}/`);
    await Promise.all([database?.drop(), vhost?.remove()]);
  });

  /** Stages the bytes and registers them, as the gateway does. */
  async function upload(bytes: Buffer, fileName: string) {
    const stagingKey = objectKeys.staging(tenantId, randomUUID());
    await store.put(stagingKey, bytes);
    const answer = await rpc.call(RegisterDocument, {
      tenantId,
      documentId: randomUUID(),
      stagingKey,
      sha256: sha256(bytes),
      sizeBytes: bytes.length,
      fileName,
      declaredMediaType: 'application/octet-stream',
    });
    return { ...answer, stagingKey };
  }

  const settled = (documentId: string): Promise<DocumentView> =>
    waitFor(async () => {
      const document = await rpc.call(GetDocument, { tenantId, documentId });
      return document.status === 'received' ? undefined : document;
    }, `document ${documentId} past received`);

  it('loses nothing uploaded while ingestion is down, rejects a refused type with its reason, and stops on SIGTERM', async () => {
    const pdf = await pdfSample(`Invoice ${randomUUID()}`);
    const accepted = await upload(pdf, 'invoice.pdf');
    const refused = await upload(zipSample({ 'secret.txt': `not a pdf ${randomUUID()}` }), 'report.pdf');
    expect(accepted).toMatchObject({ status: 'received', duplicateOf: null, mediaType: 'application/octet-stream' });
    expect(await rpc.call(GetDocument, { tenantId, documentId: accepted.documentId })).toMatchObject({ status: 'received' });

    const ingestion = await startServiceProcess('ingestion', { ...process.env, RABBITMQ_URL: vhost.url, LOG_LEVEL: 'warn' });

    expect(await settled(accepted.documentId)).toMatchObject({
      status: 'queued',
      fileName: 'invoice.pdf',
      mediaType: 'application/pdf',
      sha256: sha256(pdf),
      sizeBytes: pdf.length,
      objectKey: objectKeys.original(tenantId, accepted.documentId),
      stages: [expect.objectContaining({ stage: 'ingestion', status: 'done' }), ...Array(3).fill(expect.anything())],
    });
    expect((await settled(refused.documentId)).error).toMatchObject({
      stage: 'ingestion',
      code: 'unsupported_media_type',
      reason: expect.stringMatching(/^ZIP \(application\/zip\) is not accepted \(report\.pdf\)/),
      retryable: false,
    });
    expect(await rpc.call(GetDocument, { tenantId, documentId: refused.documentId })).toMatchObject({ status: 'rejected' });
    expect(await listKeys(`originals/${tenantId}/`)).toEqual([objectKeys.original(tenantId, accepted.documentId)]);
    expect(await listKeys(`staging/${tenantId}/`)).toEqual([]);

    const again = await upload(pdf, 'invoice-copy.pdf');
    expect(again).toMatchObject({
      documentId: accepted.documentId,
      status: 'queued',
      duplicateOf: accepted.documentId,
      mediaType: 'application/pdf',
    });

    const stopped = await Promise.all([metadata.stop(), ingestion.stop()]);
    expect(stopped).toEqual([
      { code: null, signal: 'SIGTERM' },
      { code: null, signal: 'SIGTERM' },
    ]);
  });
});
