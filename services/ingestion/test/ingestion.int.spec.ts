import { createHash, randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BrokerConnection, EventPublisher, queues } from '@docpipe/events';
import { DocumentDeleted, DocumentReceived, objectKeys, type Envelope, type PayloadOf } from '@docpipe/contracts';
import { loadConfig, NestPinoLogger } from '@docpipe/platform';
import { isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { drainQueue, EventLog, waitFor } from '@docpipe/testing';
import { configSchema } from '../src/config';
import { IngestionModule } from '../src/ingestion.module';
import { capturingLogger } from './support/capturing-logger';
import { EventSourceModule } from './support/event-source';
import { listKeys } from './support/infrastructure';
import { docxSample, exeSample, pdfSample, zipSample } from './support/samples';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('ingestion on a real broker and object store', () => {
  const tenantId = `tenant-${randomUUID()}`;
  const store = new ObjectStore(loadConfig(storageConfigSchema));
  const logs = capturingLogger('ingestion');
  let vhost: IsolatedVhost;
  let ingestion: INestApplication;
  let source: INestApplicationContext;
  let events: EventLog;

  beforeAll(async () => {
    vhost = await isolatedVhost('ingestion');
    const config = loadConfig(configSchema, { ...process.env, RABBITMQ_URL: vhost.url, LOG_LEVEL: 'info' });
    ingestion = await NestFactory.create(IngestionModule.register(config, logs.logger), {
      logger: new NestPinoLogger(logs.logger),
    });
    await ingestion.listen(0);
    source = await NestFactory.createApplicationContext(EventSourceModule.on(vhost.url), { logger: false });
    await Promise.all([ingestion.get(BrokerConnection).whenConnected(), source.get(BrokerConnection).whenConnected()]);
    events = await EventLog.open(vhost.url);
  });

  afterAll(async () => {
    await events?.close();
    await Promise.all([ingestion?.close(), source?.close()]);
    for (const prefix of ['staging', 'originals', 'derived']) await store.removePrefix(`${prefix}/${tenantId}/`);
    await vhost?.remove();
  });

  /** Stages the bytes as the gateway does and announces them received as metadata does; answers ingestion's outcome. */
  async function ingest(bytes: Buffer, fileName: string, extra: Partial<PayloadOf<typeof DocumentReceived>> = {}) {
    const documentId = randomUUID();
    const stagingKey = objectKeys.staging(tenantId, randomUUID());
    const objectKey = objectKeys.original(tenantId, documentId);
    await store.put(stagingKey, bytes);
    const payload = { stagingKey, objectKey, sha256: sha256(bytes), sizeBytes: bytes.length, fileName, tags: [], ...extra };
    await source.get(EventPublisher).publish(DocumentReceived, payload, { tenantId, documentId });
    return { documentId, stagingKey, objectKey, outcome: () => outcomeOf(documentId) };
  }

  const outcomeOf = (documentId: string): Promise<Envelope> => events.waitForAny(documentId, ['document.uploaded', 'document.rejected']);

  const storedOriginals = async () => (await listKeys(`originals/${tenantId}/`)).length;

  it('reports ready with RabbitMQ and the object store', async () => {
    const response = await fetch(`${await ingestion.getUrl()}/health/ready`);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { rabbitmq: 'ok', 'object-store': 'ok' },
    });
  });

  it('stores an accepted PDF byte for byte as the original, removes the staged copy and announces document.uploaded with its facts', async () => {
    const pdf = await pdfSample('Invoice 2025-001');
    const { documentId, stagingKey, objectKey, outcome } = await ingest(pdf, 'invoice.pdf', {
      tags: ['finance'],
      declaredMediaType: 'application/octet-stream',
    });

    const uploaded = await outcome();
    expect(uploaded).toMatchObject({
      type: 'document.uploaded',
      tenantId,
      documentId,
      payload: {
        objectKey,
        sha256: sha256(pdf),
        sizeBytes: pdf.length,
        mediaType: 'application/pdf',
        fileName: 'invoice.pdf',
        tags: ['finance'],
      },
    });
    expect(sha256(await store.getBuffer(objectKey))).toBe(sha256(pdf));
    await waitFor(async () => ((await store.stat(stagingKey)) ? undefined : true), 'the staged copy removed');
    expect(await drainQueue(vhost.url, queues.extractText.name)).toEqual([
      expect.objectContaining({ type: 'document.uploaded', documentId }),
    ]);
  });

  it.each([
    ['notes.txt', 'text/plain', 'Meeting notes\n- ship it\n'],
    ['README.md', 'text/markdown', '# Title\n\nSome *markdown*.\n'],
    ['table.csv', 'text/csv', 'name,amount\nacme,12.50\n'],
    ['page.txt', 'text/html', '<!DOCTYPE html><html><body><p>Hi</p></body></html>'],
    ['mail.txt', 'message/rfc822', 'From: a@example.com\r\nTo: b@example.com\r\nSubject: Hello\r\n\r\nBody\r\n'],
    ['BMW.txt', 'text/plain', 'BMW service report: all fine. Grüße!\n'],
  ])('recognises the text file %s as %s from its content and stores it byte for byte', async (fileName, mediaType, content) => {
    const bytes = Buffer.from(`${content} ${randomUUID()}`);
    const { objectKey, outcome } = await ingest(bytes, fileName);

    expect((await outcome()).payload).toMatchObject({ mediaType });
    expect(sha256(await store.getBuffer(objectKey))).toBe(sha256(bytes));
  });

  it('accepts a DOCX: an Office document is not mistaken for a plain ZIP', async () => {
    const { outcome } = await ingest(await docxSample(`Contract ${randomUUID()}`), 'contract.docx');

    expect((await outcome()).payload).toMatchObject({
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
  });

  it.each([
    ['a Windows executable', exeSample(), /^EXE \(application\/x-msdownload\) is not accepted/],
    ['a ZIP archive', zipSample({ 'secret.txt': 'not a pdf' }), /^ZIP \(application\/zip\) is not accepted/],
    ['random bytes', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x01]), /^Binary data of an unknown type is not accepted/],
  ])('rejects %s named .pdf with unsupported_media_type, storing nothing and leaving no staged copy', async (_what, bytes, message) => {
    const originalsBefore = await storedOriginals();
    const { stagingKey, outcome } = await ingest(bytes, 'report.pdf');

    const rejected = await outcome();
    expect(rejected).toMatchObject({ type: 'document.rejected', payload: { code: 'unsupported_media_type' } });
    expect(rejected.payload).toMatchObject({ reason: expect.stringMatching(message) });
    expect(rejected.payload).toMatchObject({ reason: expect.stringContaining('allowed: PDF, DOCX') });
    await waitFor(async () => ((await store.stat(stagingKey)) ? undefined : true), 'the staged copy removed');
    expect(await storedOriginals()).toBe(originalsBefore);
  });

  it('rejects bytes that are not the ones received with checksum_mismatch, and stores nothing', async () => {
    const originalsBefore = await storedOriginals();
    const other = sha256(Buffer.from('other'));
    const { stagingKey, outcome } = await ingest(Buffer.from(`announced ${randomUUID()}`), 'notes.txt', { sha256: other });

    const rejected = await outcome();
    expect(rejected).toMatchObject({ type: 'document.rejected', payload: { code: 'checksum_mismatch' } });
    expect(rejected.payload).toMatchObject({ reason: expect.stringContaining(`not the ${other} received`) });
    await waitFor(async () => ((await store.stat(stagingKey)) ? undefined : true), 'the staged copy removed');
    expect(await storedOriginals()).toBe(originalsBefore);
  });

  it('rejects an upload whose staged bytes are gone with staging_missing', async () => {
    const bytes = Buffer.from(`gone before ingestion ${randomUUID()}`);
    const documentId = randomUUID();
    const stagingKey = objectKeys.staging(tenantId, randomUUID());
    const objectKey = objectKeys.original(tenantId, documentId);
    const payload = { stagingKey, objectKey, sha256: sha256(bytes), sizeBytes: bytes.length, fileName: 'gone.txt', tags: [] };
    await source.get(EventPublisher).publish(DocumentReceived, payload, { tenantId, documentId });

    expect(await outcomeOf(documentId)).toMatchObject({ type: 'document.rejected', payload: { code: 'staging_missing' } });
  });

  it('announces an upload again when it is received again after its original was stored (a redelivery after a crash)', async () => {
    const bytes = Buffer.from(`stored once ${randomUUID()}`);
    const first = await ingest(bytes, 'twice.txt');
    const uploaded = await first.outcome();
    await waitFor(async () => ((await store.stat(first.stagingKey)) ? undefined : true), 'the staged copy removed');

    const { stagingKey, objectKey, documentId } = first;
    const again = { stagingKey, objectKey, sha256: sha256(bytes), sizeBytes: bytes.length, fileName: 'twice.txt', tags: [] };
    await source.get(EventPublisher).publish(DocumentReceived, again, { tenantId, documentId });

    const both = await events.waitForCount(first.documentId, 'document.uploaded', 2);
    expect(both.map((event) => event.payload)).toEqual([uploaded.payload, uploaded.payload]);
    expect(sha256(await store.getBuffer(first.objectKey))).toBe(sha256(bytes));
  });

  it('stores a file named ../../etc/passwd under the document’s key, keeping the name only as a label', async () => {
    const bytes = Buffer.from(`root:x:0:0:root:/root:/bin/sh ${randomUUID()}\n`);
    const { objectKey, outcome } = await ingest(bytes, '../../etc/passwd');

    expect((await outcome()).payload).toMatchObject({ objectKey, fileName: '../../etc/passwd' });
    expect(objectKey).toMatch(/^originals\/tenant-[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    expect(sha256(await store.getBuffer(objectKey))).toBe(sha256(bytes));
    expect(await listKeys(`originals/${tenantId}/`)).not.toContainEqual(expect.stringMatching(/passwd|\.\./));
    expect(await store.stat('etc/passwd')).toBeUndefined();
  });

  it.each([
    ['of another tenant', objectKeys.staging('someone-else', randomUUID())],
    ['that climbs out of the tenant’s staging folder', `${objectKeys.staging(tenantId, '..')}/someone-else/${randomUUID()}`],
  ])('dead-letters a received upload with a staging key %s, touching nothing', async (_what, stagingKey) => {
    const documentId = randomUUID();
    const payload = {
      stagingKey,
      objectKey: objectKeys.original(tenantId, documentId),
      sha256: sha256(Buffer.from('hello')),
      sizeBytes: 5,
      fileName: 'x.txt',
      tags: [],
    };
    await source.get(EventPublisher).publish(DocumentReceived, payload, { tenantId, documentId });

    const dead = await waitFor(async () => {
      const messages = await drainQueue(vhost.url, `${queues.ingestUpload.name}.dlq`);
      return messages.length > 0 ? messages : undefined;
    }, 'the dead letter');
    expect(dead.map((message) => message.documentId)).toEqual([documentId]);
    expect(events.of(documentId)).toEqual([]);
  });

  it('removes the original and everything derived when a document is deleted, and a replay changes nothing', async () => {
    const { documentId, objectKey, outcome } = await ingest(Buffer.from(`to be deleted ${randomUUID()}`), 'gone.txt');
    await outcome();
    await store.put(objectKeys.extractedText(tenantId, documentId), Buffer.from('{}'));
    await store.put(`${objectKeys.derivedPrefix(tenantId, documentId)}page-1.png`, Buffer.from('png'));

    const removals = () => logs.lines().filter((line) => line.event === 'ingestion.original-removed' && line.documentId === documentId);
    const publisher = source.get(EventPublisher);
    await publisher.publish(DocumentDeleted, { objectKey }, { tenantId, documentId });
    await waitFor(async () => (removals().length === 1 ? true : undefined), 'the deletion handled');
    await publisher.publish(DocumentDeleted, { objectKey }, { tenantId, documentId });
    await waitFor(async () => (removals().length === 2 ? true : undefined), 'the replay handled');

    expect(await store.stat(objectKey)).toBeUndefined();
    expect(await listKeys(objectKeys.derivedPrefix(tenantId, documentId))).toEqual([]);
    expect(removals().map((line) => line.derived)).toEqual([2, 0]);
  });

  it('dead-letters a deletion that names an object outside the tenant’s originals, without removing it', async () => {
    const foreign = `originals/another-tenant-${randomUUID()}/doc`;
    await store.put(foreign, Buffer.from('not yours'));

    await source.get(EventPublisher).publish(DocumentDeleted, { objectKey: foreign }, { tenantId, documentId: randomUUID() });

    const dead = await waitFor(async () => {
      const messages = await drainQueue(vhost.url, `${queues.removeOriginal.name}.dlq`);
      return messages.length > 0 ? messages : undefined;
    }, 'the dead letter');
    expect(dead[0].payload).toEqual({ objectKey: foreign });
    expect(await store.stat(foreign)).toBeDefined();
    await store.remove(foreign);
  });
});
