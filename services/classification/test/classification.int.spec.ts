import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { BrokerConnection, EventPublisher, queues, StopMarks } from '@docpipe/events';
import {
  DocumentCancelRequested,
  DocumentDeleted,
  DocumentExtracted,
  DocumentTypeCorrected,
  objectKeys,
  type DocumentClassified,
  type DocumentFacts,
  type DocumentFailed,
  type Envelope,
} from '@docpipe/contracts';
import { createLogger, loadConfig, startService } from '@docpipe/platform';
import { fetchReadiness, isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { EventLog } from '@docpipe/testing';
import { ClassificationModule } from '../src/classification.module';
import { configSchema } from '../src/config';
import { contractText, extractedText, invoiceText, payslipText } from './support/documents';

/** What document.extracted carries forward; classification passes it on unchanged. */
const facts: DocumentFacts = {
  fileName: 'scan.pdf',
  mediaType: 'application/pdf',
  tags: ['inbox'],
  uploadedAt: '2024-05-01T08:00:00.000Z',
  runStartedAt: '2024-05-01T08:00:01.000Z',
};

describe('the classification service, through RabbitMQ and the object store', () => {
  const tenantId = `classification-${randomUUID()}`;
  const store = new ObjectStore(loadConfig(storageConfigSchema));
  let vhost: IsolatedVhost;
  let app: INestApplication;
  let connection: BrokerConnection;
  let publisher: EventPublisher;
  let log: EventLog;

  beforeAll(async () => {
    vhost = await isolatedVhost('classification');
    const config = loadConfig(configSchema, {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      PORT: '0',
      OLLAMA_HOST: '',
      TENANT_LAYER_REFRESH_MS: '0',
    });
    app = await startService({
      name: 'classification',
      port: 0,
      logLevel: 'silent',
      module: (logger) => ClassificationModule.register(config, logger),
    });
    const logger = createLogger({ service: 'classification-test', level: 'silent' });
    connection = new BrokerConnection({ url: vhost.url, connectionName: 'classification-test', logger });
    publisher = new EventPublisher(connection, {
      confirmTimeoutMs: 10_000,
      topology: [queues.classifyDocument, queues.learnCorrections, queues.forgetExamples, queues.trackStatus],
      logger,
    });
    await publisher.start();
    connection.start();
    await connection.whenConnected();
    log = await EventLog.open(vhost.url);
  });

  afterAll(async () => {
    await log?.close();
    await connection?.close();
    await app?.close();
    await store.removePrefix(`derived/${tenantId}/`);
    await store.removePrefix(`classifier/${tenantId}/`);
    await vhost?.remove();
  });

  /** Stores a text blob as extraction would (or any bytes) and announces it. */
  async function extracted(body: Buffer, textKey?: (documentId: string) => string, documentId = randomUUID()): Promise<string> {
    const key = textKey?.(documentId) ?? objectKeys.extractedText(tenantId, documentId);
    await store.put(key, body, { size: body.length, contentType: 'application/json' });
    await publisher.publish(
      DocumentExtracted,
      { textKey: key, pages: 1, characters: body.length, language: 'en', extractor: { name: 'extraction/pdf', version: '1.0.0' }, facts },
      { tenantId, documentId },
    );
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

  const json = (text: string, documentId = 'any') => Buffer.from(JSON.stringify(extractedText(text, documentId)));

  it('reports ready once connected to RabbitMQ and the object store', async () => {
    expect(await fetchReadiness(await app.getUrl())).toEqual({ status: 'ready', checks: { rabbitmq: 'ok', 'object-store': 'ok' } });
  });

  it('classifies an invoice with the offline model and publishes its fields with evidence', async () => {
    const documentId = await extracted(json(invoiceText));

    const event = (await log.waitFor(documentId, 'document.classified')) as Envelope<typeof DocumentClassified>;
    expect(event.payload).toMatchObject({
      textKey: objectKeys.extractedText(tenantId, documentId),
      documentType: 'invoice',
      classifier: { name: 'offline-softmax', version: expect.stringMatching(/^[a-f0-9]{12}$/) },
      fields: {
        number: { value: 'NW-2024-117', page: 1 },
        total: { value: 'EUR 4296.50', page: 1 },
        issueDate: { value: '2024-03-14', page: 1, confidence: 0.85 },
      },
    });
    expect(event.payload.facts).toEqual(facts);
    expect(event.payload.confidence).toBeGreaterThan(0.3);
    expect(event.payload.confidence).toBeLessThanOrEqual(1);
    const { start, end } = event.payload.fields.total;
    expect(invoiceText.slice(start!, end!)).toBe('EUR 4,296.50');
    expect(log.of(documentId).map((e) => e.type)).toEqual(['document.extracted', 'document.progressed', 'document.classified']);
  });

  it('classifies a contract as a contract', async () => {
    const documentId = await extracted(json(contractText));
    const event = (await log.waitFor(documentId, 'document.classified')) as Envelope<typeof DocumentClassified>;
    expect(event.payload).toMatchObject({ documentType: 'contract', fields: { parties: { value: 'Acme Robotics Ltd; Jane Doe' } } });
  });

  it('leaves alone a document cancelled after its run started, asking no one (metadata does not run here)', async () => {
    const cancelled = randomUUID();
    // The run started (facts.runStartedAt) before this cancel.
    await cancel(cancelled);
    await extracted(json(invoiceText), undefined, cancelled);
    const next = await extracted(json(contractText));

    await log.waitFor(next, 'document.classified');
    expect(log.of(cancelled).map((e) => e.type)).toEqual(['document.extracted']);
  });

  it('fails a text blob that is not extracted text with document.failed, at once', async () => {
    const documentId = await extracted(Buffer.from('{"not": "extracted text"}'));
    const failed = (await log.waitFor(documentId, 'document.failed')) as Envelope<typeof DocumentFailed>;
    expect(failed.payload).toMatchObject({ stage: 'classification', code: 'invalid_extracted_text', attempts: 1 });
    expect(failed.payload.reason).toMatch(/reprocess the document/);
  });

  it('refuses a textKey outside the tenant’s own blobs, not retryable', async () => {
    const documentId = await extracted(json(invoiceText), (id) => objectKeys.extractedText(`someone-else-${tenantId}`, id));
    const failed = (await log.waitFor(documentId, 'document.failed')) as Envelope<typeof DocumentFailed>;
    expect(failed.payload).toMatchObject({ stage: 'classification', code: 'text_key_outside_tenant', retryable: false });
    expect(log.of(documentId).some((e) => e.type === 'document.classified')).toBe(false);
    await store.removePrefix(`derived/someone-else-${tenantId}/`);
  });

  /** The user's correction, as metadata announces it; the text is already stored. */
  async function corrected(text: string, documentType: string): Promise<string> {
    const documentId = randomUUID();
    const textKey = objectKeys.extractedText(tenantId, documentId);
    const body = json(text, documentId);
    await store.put(textKey, body, { size: body.length, contentType: 'application/json' });
    await publisher.publish(DocumentTypeCorrected, { documentType, previousType: 'other', textKey }, { tenantId, documentId });
    return documentId;
  }

  /** The tenant's stored examples once there are `count` of them (or what there is after 20 s). */
  async function examplesWhen(count: number): Promise<string[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const keys = (await store.list(`classifier/${tenantId}/examples/`)).map(({ key }) => key);
      if (keys.length === count || Date.now() > deadline) return keys;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const typeOf = async (documentId: string) =>
    ((await log.waitFor(documentId, 'document.classified')) as Envelope<typeof DocumentClassified>).payload;

  it('types a tenant’s new payslips as payslip after three corrections, and still types its invoices as invoices', async () => {
    const before = await typeOf(await extracted(json(payslipText('Amira Haddad', 'January 2026', 3150))));
    expect(before.documentType).not.toBe('payslip');

    const taught = [
      await corrected(payslipText('Tom Becker', 'January 2026', 2875.5), 'payslip'),
      await corrected(payslipText('Lena Fischer', 'February 2026', 4120), 'payslip'),
      await corrected(payslipText('Tom Becker', 'February 2026', 2875.5), 'payslip'),
    ];
    expect(await examplesWhen(3)).toHaveLength(3);
    const example = JSON.parse((await store.getBuffer(`classifier/${tenantId}/examples/${taught[0]}.json`)).toString('utf8'));
    expect(example).toMatchObject({ documentId: taught[0], label: 'payslip', features: expect.any(Object) });
    expect(JSON.stringify(example)).not.toContain('Tom Becker');

    const after = await typeOf(await extracted(json(payslipText('Sofia Marino', 'March 2026', 3390.25))));
    expect(after).toMatchObject({ documentType: 'payslip', classifier: { name: 'offline-softmax+tenant-layer' } });
    expect(after.confidence).toBeGreaterThan(0.5);
    expect((await typeOf(await extracted(json(invoiceText)))).documentType).toBe('invoice');

    // A deleted document no longer teaches: its example is removed.
    await publisher.publish(DocumentDeleted, { objectKey: objectKeys.original(tenantId, taught[0]) }, { tenantId, documentId: taught[0] });
    expect(await examplesWhen(2)).toEqual(expect.not.arrayContaining([objectKeys.classifierExample(tenantId, taught[0])]));
  });
});
