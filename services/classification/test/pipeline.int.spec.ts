import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { BrokerConnection, EventPublisher, queues } from '@docpipe/events';
import { DocumentUploaded, objectKeys, type DocumentClassified, type Envelope } from '@docpipe/contracts';
import { createLogger, loadConfig, startService } from '@docpipe/platform';
import { isolatedVhost, startServiceProcess, type IsolatedVhost, type ServiceProcess } from '@docpipe/stack';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import { EventLog } from '@docpipe/testing';
import { ClassificationModule } from '../src/classification.module';
import { configSchema } from '../src/config';
import { invoiceText } from './support/documents';

async function invoicePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  invoiceText.split('\n').forEach((line, i) => page.drawText(line, { x: 40, y: 800 - i * 16, size: 10, font }));
  return Buffer.from(await pdf.save());
}

describe('extraction and classification together', () => {
  const tenantId = `pipeline-${randomUUID()}`;
  const store = new ObjectStore(loadConfig(storageConfigSchema));
  let vhost: IsolatedVhost;
  let extraction: ServiceProcess;
  let app: INestApplication;
  let connection: BrokerConnection;
  let log: EventLog;

  beforeAll(async () => {
    vhost = await isolatedVhost('pipeline');
    // The real extraction service as its own process, as in production: services share only the broker and the store.
    extraction = await startServiceProcess('extraction', { ...process.env, RABBITMQ_URL: vhost.url, LOG_LEVEL: 'warn' });
    const config = loadConfig(configSchema, { ...process.env, RABBITMQ_URL: vhost.url, PORT: '0', OLLAMA_HOST: '' });
    app = await startService({
      name: 'classification',
      port: 0,
      logLevel: 'silent',
      module: (logger) => ClassificationModule.register(config, logger),
    });
    connection = new BrokerConnection({
      url: vhost.url,
      connectionName: 'pipeline-test',
      logger: createLogger({ service: 'pipeline-test', level: 'silent' }),
    });
    log = await EventLog.open(vhost.url);
  });

  afterAll(async () => {
    await extraction?.stop();
    await log?.close();
    await connection?.close();
    await app?.close();
    await store.removePrefix(`originals/${tenantId}/`);
    await store.removePrefix(`derived/${tenantId}/`);
    await vhost?.remove();
  });

  it('turns an uploaded invoice PDF into document.classified invoice, through the text blob extraction wrote', async () => {
    const publisher = new EventPublisher(connection, {
      confirmTimeoutMs: 10_000,
      topology: [queues.extractText, queues.classifyDocument, queues.trackStatus],
      logger: createLogger({ service: 'pipeline-test', level: 'silent' }),
    });
    await publisher.start();
    connection.start();
    await connection.whenConnected();
    const documentId = randomUUID();
    const objectKey = objectKeys.original(tenantId, documentId);
    const pdf = await invoicePdf();
    await store.put(objectKey, pdf, { size: pdf.length, contentType: 'application/pdf' });

    await publisher.publish(
      DocumentUploaded,
      { objectKey, sha256: 'a'.repeat(64), sizeBytes: pdf.length, mediaType: 'application/pdf', fileName: 'northwind.pdf', tags: [] },
      { tenantId, documentId },
    );

    const classified = (await log.waitFor(documentId, 'document.classified', 60_000)) as Envelope<typeof DocumentClassified>;
    expect(classified.payload).toMatchObject({
      textKey: objectKeys.extractedText(tenantId, documentId),
      documentType: 'invoice',
      fields: { number: { value: 'NW-2024-117' }, total: { value: 'EUR 4296.50' } },
    });
    expect(classified.payload.facts).toMatchObject({ fileName: 'northwind.pdf', mediaType: 'application/pdf', tags: [] });
    const extracted = log.of(documentId).find((event) => event.type === 'document.extracted')!;
    expect(extracted.payload).toMatchObject({ pages: 1, language: 'en', extractor: { name: 'extraction/pdf' } });
    expect(classified.correlationId).toBe(extracted.correlationId);
    expect(classified.causationId).toBe(extracted.id);
  });
});
