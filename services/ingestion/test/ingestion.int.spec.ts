import { createHash, randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BrokerConnection, EventPublisher, queues, RemoteError, RpcClient } from '@docpipe/events';
import { DocumentDeleted, IngestUpload, objectKeys, type RequestOf } from '@docpipe/contracts';
import { loadConfig, NestPinoLogger } from '@docpipe/platform';
import { isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { configSchema } from '../src/config';
import { IngestionModule } from '../src/ingestion.module';
import { capturingLogger } from './support/capturing-logger';
import { drainQueue, waitFor } from '@docpipe/testing';
import { listKeys } from './support/infrastructure';
import { MetadataStandIn, MetadataStandInModule } from './support/metadata-stand-in';
import { docxSample, exeSample, pdfSample, zipSample } from './support/samples';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('ingestion on a real broker and object store', () => {
  const tenantId = `tenant-${randomUUID()}`;
  const store = new ObjectStore(loadConfig(storageConfigSchema));
  const logs = capturingLogger('ingestion');
  let vhost: IsolatedVhost;
  let ingestion: INestApplication;
  let metadata: INestApplicationContext;

  beforeAll(async () => {
    vhost = await isolatedVhost('ingestion');
    const config = loadConfig(configSchema, { ...process.env, RABBITMQ_URL: vhost.url, LOG_LEVEL: 'info' });
    ingestion = await NestFactory.create(IngestionModule.register(config, logs.logger), {
      logger: new NestPinoLogger(logs.logger),
    });
    await ingestion.listen(0);
    metadata = await NestFactory.createApplicationContext(MetadataStandInModule.on(vhost.url), {
      logger: false,
    });
    await Promise.all([ingestion.get(BrokerConnection).whenConnected(), metadata.get(BrokerConnection).whenConnected()]);
  });

  afterAll(async () => {
    await Promise.all([ingestion?.close(), metadata?.close()]);
    for (const prefix of ['staging', 'originals', 'derived']) await store.removePrefix(`${prefix}/${tenantId}/`);
    await vhost?.remove();
  });

  async function ingest(bytes: Buffer, fileName: string, extra: Partial<RequestOf<typeof IngestUpload>> = {}) {
    const stagingKey = objectKeys.staging(tenantId, randomUUID());
    await store.put(stagingKey, bytes);
    const request = {
      tenantId,
      stagingKey,
      sha256: sha256(bytes),
      sizeBytes: bytes.length,
      fileName,
      ...extra,
    };
    const response = metadata.get(RpcClient).call(IngestUpload, request, 30_000);
    return { stagingKey, response };
  }

  async function rejection(pending: Promise<unknown>): Promise<RemoteError> {
    const error = await pending.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    if (!(error instanceof RemoteError)) throw new Error(`expected a RemoteError, got ${String(error)}`);
    return error;
  }

  const storedOriginals = async () => (await listKeys(`originals/${tenantId}/`)).length;

  it('reports ready with RabbitMQ and the object store', async () => {
    const response = await fetch(`${await ingestion.getUrl()}/health/ready`);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { rabbitmq: 'ok', 'object-store': 'ok' },
    });
  });

  it('stores an accepted PDF byte for byte under a new id, removes the staged copy and has metadata record it', async () => {
    const pdf = await pdfSample('Invoice 2025-001');
    const { stagingKey, response } = await ingest(pdf, 'invoice.pdf', {
      tags: ['finance'],
      declaredMediaType: 'application/octet-stream',
    });

    const answer = await response;
    expect(answer).toEqual({
      documentId: expect.any(String),
      status: 'queued',
      duplicateOf: null,
      mediaType: 'application/pdf',
    });
    const original = await store.getBuffer(objectKeys.original(tenantId, answer.documentId));
    expect(sha256(original)).toBe(sha256(pdf));
    expect(await store.stat(stagingKey)).toBeUndefined();
    expect(metadata.get(MetadataStandIn).registered).toContainEqual(
      expect.objectContaining({
        documentId: answer.documentId,
        mediaType: 'application/pdf',
        sizeBytes: pdf.length,
        tags: ['finance'],
        objectKey: objectKeys.original(tenantId, answer.documentId),
        sha256: sha256(pdf),
        fileName: 'invoice.pdf',
      }),
    );
    // document.uploaded is metadata's to announce, in the transaction that records the document.
    expect(await drainQueue(vhost.url, queues.extractText.name)).toEqual([]);
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
    const { response } = await ingest(bytes, fileName);

    const answer = await response;
    expect(answer.mediaType).toBe(mediaType);
    expect(sha256(await store.getBuffer(objectKeys.original(tenantId, answer.documentId)))).toBe(sha256(bytes));
  });

  it('accepts a DOCX: an Office document is not mistaken for a plain ZIP', async () => {
    const { response } = await ingest(await docxSample(`Contract ${randomUUID()}`), 'contract.docx');

    expect((await response).mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('answers the first document when the same content comes again, and keeps no second copy', async () => {
    const text = Buffer.from(`the same words ${randomUUID()}`);
    const first = await (await ingest(text, 'a.txt')).response;
    const originalsBefore = await storedOriginals();

    const { stagingKey, response } = await ingest(text, 'b.txt');

    expect(await response).toEqual({
      documentId: first.documentId,
      status: 'queued',
      duplicateOf: first.documentId,
      mediaType: 'text/plain',
    });
    expect(await storedOriginals()).toBe(originalsBefore);
    expect(await store.stat(stagingKey)).toBeUndefined();
  });

  it('refuses an empty file with empty_file', async () => {
    const { stagingKey, response } = await ingest(Buffer.alloc(0), 'empty.pdf');

    const error = await rejection(response);
    expect(error.code).toBe('empty_file');
    expect(error.message).toContain('empty.pdf is empty');
    expect(await store.stat(stagingKey)).toBeUndefined();
  });

  it.each([
    ['a Windows executable', exeSample(), /^EXE \(application\/x-msdownload\) is not accepted/],
    ['a ZIP archive', zipSample({ 'secret.txt': 'not a pdf' }), /^ZIP \(application\/zip\) is not accepted/],
    ['random bytes', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x01]), /^Binary data of an unknown type is not accepted/],
  ])('refuses %s named .pdf with unsupported_media_type and stores nothing', async (_what, bytes, message) => {
    const originalsBefore = await storedOriginals();
    const { stagingKey, response } = await ingest(bytes, 'report.pdf');

    const error = await rejection(response);
    expect(error.code).toBe('unsupported_media_type');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('allowed: PDF, DOCX');
    expect(await store.stat(stagingKey)).toBeUndefined();
    expect(await storedOriginals()).toBe(originalsBefore);
  });

  it('refuses bytes that are not the ones announced with checksum_mismatch, and stores nothing', async () => {
    const originalsBefore = await storedOriginals();
    const { stagingKey, response } = await ingest(Buffer.from(`announced ${randomUUID()}`), 'notes.txt', {
      sha256: sha256(Buffer.from('other')),
    });

    const error = await rejection(response);
    expect(error.code).toBe('checksum_mismatch');
    expect(error.message).toContain(`not the ${sha256(Buffer.from('other'))} announced`);
    expect(await store.stat(stagingKey)).toBeUndefined();
    expect(await storedOriginals()).toBe(originalsBefore);
  });

  it('stores a file named ../../etc/passwd under a server-made key, keeping the name only as a label', async () => {
    const bytes = Buffer.from(`root:x:0:0:root:/root:/bin/sh ${randomUUID()}\n`);
    const { response } = await ingest(bytes, '../../etc/passwd');

    const { documentId } = await response;
    const objectKey = objectKeys.original(tenantId, documentId);
    expect(objectKey).toMatch(/^originals\/tenant-[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    expect(sha256(await store.getBuffer(objectKey))).toBe(sha256(bytes));
    expect(await listKeys(`originals/${tenantId}/`)).not.toContainEqual(expect.stringMatching(/passwd|\.\./));
    expect(await store.stat('etc/passwd')).toBeUndefined();
    expect(metadata.get(MetadataStandIn).registered).toContainEqual(
      expect.objectContaining({ documentId, objectKey, fileName: '../../etc/passwd' }),
    );
  });

  it.each([
    ['of another tenant', objectKeys.staging('someone-else', randomUUID())],
    ['that climbs out of the tenant’s staging folder', `${objectKeys.staging(tenantId, '..')}/someone-else/${randomUUID()}`],
  ])('refuses a staging key %s', async (_what, stagingKey) => {
    const bytes = Buffer.from('hello');
    const request = { tenantId, stagingKey, sha256: sha256(bytes), sizeBytes: 5, fileName: 'x.txt' };

    const error = await rejection(metadata.get(RpcClient).call(IngestUpload, request));
    expect(error.code).toBe('invalid_request');
  });

  it('removes the original and everything derived when a document is deleted, and a replay changes nothing', async () => {
    const { response } = await ingest(Buffer.from(`to be deleted ${randomUUID()}`), 'gone.txt');
    const { documentId } = await response;
    const objectKey = objectKeys.original(tenantId, documentId);
    await store.put(objectKeys.extractedText(tenantId, documentId), Buffer.from('{}'));
    await store.put(`${objectKeys.derivedPrefix(tenantId, documentId)}page-1.png`, Buffer.from('png'));

    const removals = () => logs.lines().filter((line) => line.event === 'ingestion.original-removed' && line.documentId === documentId);
    const publisher = metadata.get(EventPublisher);
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

    await metadata.get(EventPublisher).publish(DocumentDeleted, { objectKey: foreign }, { tenantId, documentId: randomUUID() });

    const dead = await waitFor(async () => {
      const messages = await drainQueue(vhost.url, `${queues.removeOriginal.name}.dlq`);
      return messages.length > 0 ? messages : undefined;
    }, 'the dead letter');
    expect(dead[0].payload).toEqual({ objectKey: foreign });
    expect(await store.stat(foreign)).toBeDefined();
    await store.remove(foreign);
  });
});
