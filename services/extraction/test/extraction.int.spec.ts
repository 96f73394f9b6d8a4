import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { BrokerConnection, createEnvelope, EventPublisher, queues, StopMarks } from '@docpipe/events';
import {
  DocumentCancelRequested,
  DocumentReprocessRequested,
  DocumentUploaded,
  extractedTextSchema,
  objectKeys,
  type DocumentExtracted,
  type DocumentFailed,
  type Envelope,
} from '@docpipe/contracts';
import { createLogger, loadConfig, startService } from '@docpipe/platform';
import { fetchReadiness, isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { EventLog, textPng } from '@docpipe/testing';
import { configSchema } from '../src/config';
import { ExtractionModule } from '../src/extraction.module';
import { docx, textPdf } from './support/samples';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('the extraction service, through RabbitMQ and the object store', () => {
  const tenantId = `extraction-${randomUUID()}`;
  const store = new ObjectStore(loadConfig(storageConfigSchema));
  let vhost: IsolatedVhost;
  let app: INestApplication;
  let connection: BrokerConnection;
  let publisher: EventPublisher;
  let log: EventLog;

  beforeAll(async () => {
    vhost = await isolatedVhost('extraction');
    const config = loadConfig(configSchema, { ...process.env, RABBITMQ_URL: vhost.url, PORT: '0' });
    app = await startService({
      name: 'extraction',
      port: 0,
      logLevel: 'silent',
      module: (logger) => ExtractionModule.register(config, logger),
    });
    const logger = createLogger({ service: 'extraction-test', level: 'silent' });
    connection = new BrokerConnection({ url: vhost.url, connectionName: 'extraction-test', logger });
    publisher = new EventPublisher(connection, { confirmTimeoutMs: 10_000, topology: [queues.extractText, queues.trackStatus], logger });
    await publisher.start();
    connection.start();
    await connection.whenConnected();
    log = await EventLog.open(vhost.url);
  });

  afterAll(async () => {
    await log?.close();
    await connection?.close();
    await app?.close();
    await store.removePrefix(`originals/${tenantId}/`);
    await store.removePrefix(`derived/${tenantId}/`);
    await vhost?.remove();
  });

  /** Stores an original as ingestion would and announces it; `recordedAt` is when metadata recorded the upload. */
  async function upload(
    bytes: Buffer,
    mediaType: string,
    fileName: string,
    documentId = randomUUID(),
    recordedAt?: string,
  ): Promise<string> {
    const objectKey = objectKeys.original(tenantId, documentId);
    await store.put(objectKey, bytes, { size: bytes.length, contentType: mediaType });
    const sha256 = '0'.repeat(64);
    const origin = { correlationId: randomUUID(), causationId: null, tenantId, documentId };
    const envelope = createEnvelope(
      DocumentUploaded,
      { objectKey, sha256, sizeBytes: bytes.length, mediaType, fileName, tags: [] },
      origin,
    );
    await publisher.publishEnvelope({ ...envelope, occurredAt: recordedAt ?? envelope.occurredAt }, DocumentUploaded.routingKey);
    return documentId;
  }

  /** Cancels as metadata does (document.cancel-requested), and waits until the service heard it on its own queue. */
  async function cancel(documentId: string): Promise<void> {
    const cancelledAt = new Date().toISOString();
    await publisher.publish(DocumentCancelRequested, { cancelledAt }, { tenantId, documentId });
    const marks = app.get(StopMarks);
    for (let waited = 0; !marks.reasonToStop({ tenantId, documentId }, cancelledAt); waited += 50) {
      if (waited > 10_000) throw new Error(`The service did not hear the cancel of ${documentId}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function extracted(documentId: string) {
    const event = (await log.waitFor(documentId, 'document.extracted')) as Envelope<typeof DocumentExtracted>;
    const text = extractedTextSchema.parse(JSON.parse((await store.getBuffer(event.payload.textKey)).toString('utf8')));
    return { event, text };
  }

  it('reports ready once connected to RabbitMQ and the object store', async () => {
    expect(await fetchReadiness(await app.getUrl())).toEqual({ status: 'ready', checks: { rabbitmq: 'ok', 'object-store': 'ok' } });
  });

  it('extracts a text PDF: pages, language and entities in the stored text, only the key in the event', async () => {
    const pdf = await textPdf([
      'Invoice No. INV-2024-0042\nDate: 12.03.2024\nPlease pay the total amount of EUR 1,250.00 to our account.',
      'Bank transfer to IBAN DE89 3704 0044 0532 0130 00 within thirty days of the invoice date.',
    ]);
    const documentId = await upload(pdf, 'application/pdf', 'invoice.pdf');

    const { event, text } = await extracted(documentId);
    expect(event.payload).toMatchObject({
      textKey: objectKeys.extractedText(tenantId, documentId),
      pages: 2,
      language: 'en',
      extractor: { name: 'extraction/pdf' },
    });
    expect(JSON.stringify(event.payload)).not.toContain('IBAN');
    expect(text.pages.map((page) => page.ocr)).toEqual([false, false]);
    expect(text.entities.map((entity) => [entity.kind, entity.value, entity.page])).toEqual(
      expect.arrayContaining([
        ['invoice-number', 'INV-2024-0042', 1],
        ['date', '2024-03-12', 1],
        ['money', 'EUR 1250.00', 1],
        ['iban', 'DE89370400440532013000', 2],
      ]),
    );
    expect(log.of(documentId).map((e) => e.type)).toEqual(['document.uploaded', 'document.progressed', 'document.extracted']);
    // The facts of the upload go forward, so no later stage asks metadata for them.
    const { occurredAt } = log.of(documentId)[0];
    expect(event.payload.facts).toEqual({
      fileName: 'invoice.pdf',
      mediaType: 'application/pdf',
      tags: [],
      uploadedAt: occurredAt,
      runStartedAt: occurredAt,
    });
    const thumbnail = await store.getBuffer(objectKeys.thumbnail(tenantId, documentId));
    expect(thumbnail.subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  it('extracts a DOCX and OCRs an image', async () => {
    const word = await upload(
      await docx([['Employment contract between Acme Ltd and Jane Doe, starting on 1 April 2024.']]),
      DOCX,
      'contract.docx',
    );
    const image = await upload(await textPng(['Receipt from Corner Bakery', 'Total 12.50']), 'image/png', 'receipt.png');

    const fromWord = await extracted(word);
    expect(fromWord.event.payload).toMatchObject({ pages: 1, language: 'en', extractor: { name: 'extraction/docx' } });
    expect(fromWord.text.pages[0].text).toContain('between Acme Ltd and Jane Doe');

    const fromImage = await extracted(image);
    expect(fromImage.event.payload).toMatchObject({ pages: 1, extractor: { name: 'extraction/image-ocr' } });
    expect(fromImage.text.pages[0]).toMatchObject({ ocr: true, text: expect.stringMatching(/Corner Bakery/) });
  });

  it('fails a corrupt PDF at once with document.failed (not retryable) and keeps extracting the next documents', async () => {
    const corrupt = await upload(Buffer.from('%PDF-1.7\nnot really a pdf\n%%EOF'), 'application/pdf', 'broken.pdf');
    const next = await upload(
      Buffer.from('Meeting notes: the budget was approved for the next quarter by the board.'),
      'text/plain',
      'notes.txt',
    );

    const failed = (await log.waitFor(corrupt, 'document.failed')) as Envelope<typeof DocumentFailed>;
    expect(failed.payload).toMatchObject({ stage: 'extraction', code: 'corrupt_file', retryable: false, attempts: 1 });
    expect(failed.payload.reason).toMatch(/PDF cannot be read/);
    expect(failed.causationId).toBe(log.of(corrupt)[0].id);
    // The failure is published before the handler throws; the dead-letter copy follows a moment later.
    await expect(log.waitForMessages(`${queues.extractText.name}.dlq`, 1)).resolves.toBe(1);

    expect((await extracted(next)).event.payload).toMatchObject({ pages: 1, extractor: { name: 'extraction/plain-text' } });
  });

  it('leaves a document cancelled before its turn alone, asking no one (metadata does not run here); a reprocess runs it', async () => {
    const cancelled = randomUUID();
    const recordedAt = new Date().toISOString();
    await cancel(cancelled);
    // Recorded before the cancel, delivered after it (as from a backlog): the run started before the cancel.
    await upload(Buffer.from('Cancelled before extraction started.'), 'text/plain', 'cancelled.txt', cancelled, recordedAt);
    const next = await upload(Buffer.from('Extracted after the cancelled one.'), 'text/plain', 'next.txt');

    await extracted(next);
    expect(log.of(cancelled).map((event) => event.type)).toEqual(['document.uploaded']);
    expect(await store.stat(objectKeys.extractedText(tenantId, cancelled))).toBeUndefined();

    // A reprocess is a run that starts after the cancel: it goes on, with no un-cancel message.
    await publisher.publish(
      DocumentReprocessRequested,
      {
        objectKey: objectKeys.original(tenantId, cancelled),
        mediaType: 'text/plain',
        fileName: 'cancelled.txt',
        tags: [],
        uploadedAt: recordedAt,
      },
      { tenantId, documentId: cancelled },
    );
    expect((await extracted(cancelled)).text.pages[0].text).toContain('Cancelled before extraction started.');
  });

  it('extracts the stored original again on document.reprocess-requested, dropping page images drawn from the old text', async () => {
    const documentId = await upload(
      Buffer.from('# Minutes\n\nThe committee approved the new opening hours on 2 May 2024.'),
      'text/markdown',
      'minutes.md',
    );
    await extracted(documentId);
    const objectKey = objectKeys.original(tenantId, documentId);
    const drawn = objectKeys.pageImage(tenantId, documentId, 1);
    await store.put(drawn, Buffer.from('an old page image'), { size: 17, contentType: 'image/webp' });

    await publisher.publish(
      DocumentReprocessRequested,
      { objectKey, mediaType: 'text/markdown', fileName: 'minutes.md', tags: ['board'], uploadedAt: '2024-05-02T09:00:00.000Z' },
      { tenantId, documentId },
    );

    const [, again] = (await log.waitForCount(documentId, 'document.extracted', 2)) as Envelope<typeof DocumentExtracted>[];
    const reprocess = log.of(documentId).find((event) => event.type === 'document.reprocess-requested');
    // The run starts at the reprocess; the upload time is the stored original's.
    expect(again.payload.facts).toEqual({
      fileName: 'minutes.md',
      mediaType: 'text/markdown',
      tags: ['board'],
      uploadedAt: '2024-05-02T09:00:00.000Z',
      runStartedAt: reprocess?.occurredAt,
    });
    const { text } = await extracted(documentId);
    expect(text.extractor.name).toBe('extraction/markdown');
    expect(text.entities).toEqual([expect.objectContaining({ kind: 'date', value: '2024-05-02', page: 1 })]);
    expect(await store.stat(drawn)).toBeUndefined();
  });

  it('refuses an event whose objectKey is not the original of its own document', async () => {
    const documentId = randomUUID();
    const objectKey = objectKeys.original(`someone-else-${tenantId}`, documentId);
    await publisher.publish(
      DocumentReprocessRequested,
      { objectKey, mediaType: 'text/plain', fileName: 'x.txt', tags: [], uploadedAt: '2024-05-02T09:00:00.000Z' },
      { tenantId, documentId },
    );

    const failed = (await log.waitFor(documentId, 'document.failed')) as Envelope<typeof DocumentFailed>;
    expect(failed.payload).toMatchObject({ stage: 'extraction', code: 'foreign_object_key', retryable: false });
  });
});
