import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createEmbedder, type Embedder } from '@docpipe/embeddings';
import { BrokerConnection, EventPublisher, queues, StopMarks } from '@docpipe/events';
import {
  DocumentCancelRequested,
  DocumentClassified,
  DocumentDeleted,
  DocumentTypeCorrected,
  objectKeys,
  type DocumentFacts,
  type Envelope,
  type ExtractedText,
} from '@docpipe/contracts';
import { createLogger, loadConfig, startService } from '@docpipe/platform';
import { createSearchIndex, type SearchIndex } from '@docpipe/search-index';
import { fetchReadiness, isolatedVhost, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore } from '@docpipe/storage';
import { drainQueue, MetadataStandInModule, waitFor } from '@docpipe/testing';
import { configSchema, type IndexingConfig } from '../src/config';
import { IndexingModule } from '../src/indexing.module';

const logger = createLogger({ service: 'indexing-test', level: 'silent' });

/** What document.classified carries forward about the document; indexing asks metadata for none of it (it does not run here). */
const factsOf = (fileName = 'report.txt', tags = ['finance']): DocumentFacts => ({
  fileName,
  mediaType: 'text/plain',
  tags,
  uploadedAt: '2024-05-01T08:00:00.000Z',
  runStartedAt: '2024-05-01T08:00:00.000Z',
});

describe('indexing on a real broker and object store', () => {
  const tenantId = `tenant-${randomUUID()}`;
  const lanceDir = mkdtempSync(join(tmpdir(), 'indexing-lance-'));
  const seen: Envelope[] = [];
  let vhost: IsolatedVhost;
  let config: IndexingConfig;
  let store: ObjectStore;
  let app: INestApplication;
  let metadata: INestApplicationContext;
  let index: SearchIndex;
  let embedder: Embedder;

  beforeAll(async () => {
    vhost = await isolatedVhost('indexing');
    config = loadConfig(configSchema, {
      ...process.env,
      RABBITMQ_URL: vhost.url,
      LANCE_DIR: lanceDir,
      OLLAMA_HOST: '',
      OPENSEARCH_URL: '',
      CHUNK_MAX_CHARS: '300',
      CHUNK_OVERLAP_CHARS: '40',
    });
    store = new ObjectStore(config);
    metadata = await NestFactory.createApplicationContext(MetadataStandInModule.on(vhost.url), { logger: false });
    await metadata.get(BrokerConnection).whenConnected();
    app = await startService({ name: 'indexing', port: 0, logLevel: 'silent', module: (log) => IndexingModule.register(config, log) });
    await app.get(BrokerConnection).whenConnected();
    embedder = await createEmbedder(config);
    index = await createSearchIndex(config, embedder, logger, { writer: false });
  });

  afterAll(async () => {
    await Promise.all([app?.close(), metadata?.close(), index?.close(), embedder?.close()]);
    await store?.removePrefix(`derived/${tenantId}/`);
    await vhost?.remove();
    rmSync(lanceDir, { recursive: true, force: true });
  });

  /** Every event published so far for the document, in order, from the queue metadata tracks them on. */
  async function eventsOf(documentId: string): Promise<Envelope[]> {
    seen.push(...(await drainQueue(vhost.url, queues.trackStatus.name)));
    return seen.filter((event) => event.documentId === documentId);
  }

  function waitForEvent(documentId: string, type: string, count = 1): Promise<Envelope[]> {
    return waitFor(async () => {
      const events = (await eventsOf(documentId)).filter((event) => event.type === type);
      return events.length >= count ? events : undefined;
    }, `${count} × ${type} for ${documentId}`);
  }

  async function storedDocument(pages: string[]) {
    const documentId = randomUUID();
    const textKey = objectKeys.extractedText(tenantId, documentId);
    const text: ExtractedText = {
      documentId,
      mediaType: 'text/plain',
      language: 'en',
      pages: pages.map((page, i) => ({ number: i + 1, text: page, ocr: false })),
      entities: [],
      extractor: { name: 'test-extractor', version: '2.1.0' },
    };
    await store.put(textKey, Buffer.from(JSON.stringify(text)), { contentType: 'application/json' });
    return { documentId, textKey };
  }

  function classified(documentId: string, textKey: string, documentType = 'report', facts = factsOf()) {
    return metadata
      .get(EventPublisher)
      .publish(
        DocumentClassified,
        { textKey, documentType, confidence: 0.9, fields: {}, classifier: { name: 'test', version: '1' }, facts },
        { tenantId, documentId },
      );
  }

  /** Publishes what metadata would on a cancel or delete, and waits until the service heard it on its own queue. */
  async function stop(documentId: string, how: 'cancel' | 'delete'): Promise<void> {
    const target = { tenantId, documentId };
    const publisher = metadata.get(EventPublisher);
    if (how === 'cancel') await publisher.publish(DocumentCancelRequested, { cancelledAt: new Date().toISOString() }, target);
    else await publisher.publish(DocumentDeleted, { objectKey: objectKeys.original(tenantId, documentId) }, target);
    const marks = app.get(StopMarks);
    for (let waited = 0; !marks.reasonToStop(target, factsOf().runStartedAt); waited += 50) {
      if (waited > 10_000) throw new Error(`The service did not hear the ${how} of ${documentId}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const paragraph = (topic: string, n: number) => `${topic} paragraph ${n} explains the quarterly numbers in some detail for the board.`;

  it('reports ready with RabbitMQ, the object store and the search index', async () => {
    expect(await fetchReadiness(await app.getUrl())).toEqual({
      status: 'ready',
      checks: { rabbitmq: 'ok', 'object-store': 'ok', 'search-index': 'ok' },
    });
  });

  it('chunks and embeds a classified document, writes it to the index with its pipeline versions, and announces document.indexed', async () => {
    const pages = [
      ['Revenue', ...[1, 2, 3, 4].map((n) => paragraph('Revenue', n))].join('\n\n'),
      'Outlook\n\nThe outlook for next year is cautious.',
    ];
    const { documentId, textKey } = await storedDocument(pages);

    await classified(documentId, textKey);
    const [indexed] = await waitForEvent(documentId, 'document.indexed');

    const chunks = await index.chunksOf(tenantId, documentId);
    expect(chunks.length).toBeGreaterThan(2);
    expect(indexed.payload).toEqual({
      chunks: chunks.length,
      indexName: index.indexName,
      embedder: { name: 'use-lite-512d+sif-glove-100d', version: expect.any(String) },
    });
    expect(chunks.map((chunk) => chunk.page)).toEqual([...chunks.slice(0, -1).map(() => 1), 2]);
    expect(chunks.at(-1)).toMatchObject({
      text: 'Outlook\n\nThe outlook for next year is cautious.',
      documentType: 'report',
      tags: ['finance'],
      fileName: 'report.txt',
      createdAt: '2024-05-01T08:00:00.000Z',
    });
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(300);
      expect(chunk.vector).toHaveLength(612);
      expect(chunk.pipeline).toEqual({
        extractor: 'test-extractor@2.1.0',
        chunker: 'structure-chunker@2-max300-overlap40',
        embedder: expect.stringMatching(/^use-lite-512d\+sif-glove-100d@/),
      });
    }
    const progress = (await eventsOf(documentId)).filter((event) => event.type === 'document.progressed').map((event) => event.payload);
    expect(progress).toEqual([
      { stage: 'indexing', status: 'started', attempt: 1 },
      { stage: 'indexing', status: 'progress', attempt: 1, done: chunks.length, total: chunks.length },
    ]);
    expect((await index.keyword('outlook cautious', { tenantId }, 5))[0]).toMatchObject({ documentId, page: 2 });
  });

  it('replaces the chunks when a document is indexed again, never duplicating them', async () => {
    const { documentId, textKey } = await storedDocument([[1, 2, 3, 4, 5].map((n) => paragraph('Costs', n)).join('\n\n')]);
    await classified(documentId, textKey);
    await classified(documentId, textKey);
    const [first, second] = await waitForEvent(documentId, 'document.indexed', 2);
    expect(second.payload).toEqual(first.payload);
    expect(await index.chunksOf(tenantId, documentId)).toHaveLength((first.payload as { chunks: number }).chunks);

    await store.put(
      textKey,
      Buffer.from(
        JSON.stringify({
          documentId,
          mediaType: 'text/plain',
          language: 'en',
          pages: [{ number: 1, text: 'Costs were cut.', ocr: false }],
          entities: [],
          extractor: { name: 'test-extractor', version: '2.2.0' },
        }),
      ),
    );
    await classified(documentId, textKey, 'letter');
    await waitForEvent(documentId, 'document.indexed', 3);

    const chunks = await index.chunksOf(tenantId, documentId);
    expect(chunks.map((chunk) => [chunk.chunkId, chunk.text, chunk.documentType, chunk.pipeline.extractor])).toEqual([
      [`${documentId}:0`, 'Costs were cut.', 'letter', 'test-extractor@2.2.0'],
    ]);
  });

  it('removes the chunks of a deleted document', async () => {
    const { documentId, textKey } = await storedDocument(['Temporary memo about parking spaces.']);
    await classified(documentId, textKey);
    await waitForEvent(documentId, 'document.indexed');

    await metadata
      .get(EventPublisher)
      .publish(DocumentDeleted, { objectKey: objectKeys.original(tenantId, documentId) }, { tenantId, documentId });

    await waitFor(async () => ((await index.chunksOf(tenantId, documentId)).length === 0 ? true : undefined), 'the chunks to go');
    expect(await index.keyword('parking', { tenantId }, 5)).toEqual([]);
  });

  it("sets a user's corrected type on the document's chunks, so search filters by the user's type", async () => {
    const { documentId, textKey } = await storedDocument([[1, 2, 3].map((n) => paragraph('Payroll', n)).join('\n\n')]);
    await classified(documentId, textKey, 'report');
    await waitForEvent(documentId, 'document.indexed');
    // By vector: the type is a pre-filter there as in BM25, and fresh rows are found without waiting for maintenance.
    const [own] = await index.chunksOf(tenantId, documentId);
    const typed = async (documentType: string) =>
      new Set((await index.vector(own.vector!, { tenantId, documentType }, 50)).map((hit) => hit.documentId));
    expect(await typed('report')).toContain(documentId);

    await metadata
      .get(EventPublisher)
      .publish(DocumentTypeCorrected, { documentType: 'payslip', previousType: 'report', textKey }, { tenantId, documentId });

    const chunks = await waitFor(async () => {
      const stored = await index.chunksOf(tenantId, documentId);
      return stored.every((chunk) => chunk.documentType === 'payslip') ? stored : undefined;
    }, 'the chunks to take the corrected type');
    expect(chunks.length).toBeGreaterThan(0);
    expect(await typed('payslip')).toEqual(new Set([documentId]));
    expect(await typed('report')).not.toContain(documentId);
  });

  it('gives up at once with document.failed on a text blob that is not extracted text', async () => {
    const documentId = randomUUID();
    const textKey = objectKeys.extractedText(tenantId, documentId);
    await store.put(textKey, Buffer.from('{"pages": "nope"'));

    await classified(documentId, textKey);
    const [failed] = await waitForEvent(documentId, 'document.failed');

    expect(failed.payload).toMatchObject({ stage: 'indexing', code: 'invalid_extracted_text', retryable: true, attempts: 1 });
    expect(await index.chunksOf(tenantId, documentId)).toEqual([]);
  });

  it("refuses a textKey outside the document's tenant, as not retryable", async () => {
    const documentId = randomUUID();
    await classified(documentId, objectKeys.extractedText('another-tenant', documentId));

    const [failed] = await waitForEvent(documentId, 'document.failed');
    expect(failed.payload).toMatchObject({ stage: 'indexing', code: 'text_key_outside_tenant', retryable: false });
  });

  it('indexes nothing for a document deleted while its run was under way', async () => {
    const { documentId, textKey } = await storedDocument(['Deleted before indexing.']);
    const other = await storedDocument(['Indexed after it.']);
    await stop(documentId, 'delete');

    await classified(documentId, textKey);
    // Published after it on the same queue: by the time it is indexed, the first had its turn.
    await classified(other.documentId, other.textKey);
    await waitForEvent(other.documentId, 'document.indexed');

    expect((await eventsOf(documentId)).map((event) => event.type)).toEqual(['document.deleted', 'document.classified']);
    expect(await index.chunksOf(tenantId, documentId)).toEqual([]);
  });

  it('indexes nothing for a cancelled document, and removes the chunks of its earlier run', async () => {
    const { documentId, textKey } = await storedDocument(['Indexed once, then cancelled during a reprocess.']);
    await classified(documentId, textKey);
    await waitForEvent(documentId, 'document.indexed');
    expect((await index.chunksOf(tenantId, documentId)).length).toBeGreaterThan(0);

    const before = (await eventsOf(documentId)).length;
    await stop(documentId, 'cancel');
    const other = await storedDocument(['Indexed after it.']);
    await classified(documentId, textKey);
    await classified(other.documentId, other.textKey);
    await waitForEvent(other.documentId, 'document.indexed');

    // Only the classified event the test published: no start, no progress, no document.indexed.
    expect((await eventsOf(documentId)).slice(before).map((event) => event.type)).toEqual(['document.classified']);
    expect(await index.chunksOf(tenantId, documentId)).toEqual([]);
  });
});
