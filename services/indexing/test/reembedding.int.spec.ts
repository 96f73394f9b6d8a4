import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createEmbedder, type Embedder } from '@docpipe/embeddings';
import { DocumentClassified, DocumentDeleted, objectKeys, ReadIndexStatus, type Envelope, type ExtractedText } from '@docpipe/contracts';
import { BrokerConnection, EventPublisher, queues, RpcClient } from '@docpipe/events';
import { createLogger, loadConfig, startService } from '@docpipe/platform';
import { createIndexAlias, createSearchIndex, type IndexAlias, type SearchIndex } from '@docpipe/search-index';
import { isolatedVhost, startFakeOllama, type FakeOllama, type IsolatedVhost } from '@docpipe/stack';
import { ObjectStore } from '@docpipe/storage';
import { drainQueue, MetadataStandInModule, waitFor } from '@docpipe/testing';
import { configSchema, type IndexingConfig } from '../src/config';
import { IndexingModule } from '../src/indexing.module';
import { ReembeddingService } from '../src/reembedding.service';

const logger = createLogger({ service: 'reembedding-test', level: 'silent' });

/**
 * An embedder change on a running deployment: the documents indexed with the old embedder (the offline word-vector
 * model) are re-embedded by the new one (an Ollama model, served by the stand-in) into a new index in the background,
 * while the alias — what searches read — stays on the old index until every document is there.
 */
describe('re-embedding after an embedder change, on a real broker, object store and embedded index', () => {
  const tenantId = `tenant-${randomUUID()}`;
  const lanceDir = mkdtempSync(join(tmpdir(), 'reembedding-lance-'));
  const seen: Envelope[] = [];
  let vhost: IsolatedVhost;
  let ollama: FakeOllama;
  let before: IndexingConfig;
  let after: IndexingConfig;
  let store: ObjectStore;
  let metadata: INestApplicationContext;
  let alias: IndexAlias;
  let rpc: RpcClient;
  const opened: { close(): Promise<unknown> }[] = [];

  beforeAll(async () => {
    vhost = await isolatedVhost('reembedding');
    ollama = await startFakeOllama({ models: ['embed-b'], dimensions: 8 });
    const common = { ...process.env, RABBITMQ_URL: vhost.url, LANCE_DIR: lanceDir, OPENSEARCH_URL: '', REEMBED_RETRY_MS: '200' };
    before = loadConfig(configSchema, { ...common, OLLAMA_HOST: '', OFFLINE_EMBEDDER: 'sif' });
    after = loadConfig(configSchema, { ...common, OLLAMA_HOST: ollama.url, OLLAMA_EMBED_MODEL: 'embed-b', OLLAMA_EMBED_DIMENSIONS: '8' });
    store = new ObjectStore(before);
    metadata = await NestFactory.createApplicationContext(MetadataStandInModule.on(vhost.url), { logger: false });
    await metadata.get(BrokerConnection).whenConnected();
    alias = await createIndexAlias(before);
    rpc = metadata.get(RpcClient);
  });

  afterAll(async () => {
    await Promise.all(opened.map((closable) => closable.close()));
    await Promise.all([metadata?.close(), alias?.close(), ollama?.close()]);
    await store?.removePrefix(`derived/${tenantId}/`);
    await vhost?.remove();
    rmSync(lanceDir, { recursive: true, force: true });
  });

  async function startIndexing(config: IndexingConfig): Promise<INestApplication> {
    const app = await startService({
      name: 'indexing',
      port: 0,
      logLevel: 'silent',
      module: (log) => IndexingModule.register(config, log),
    });
    await app.get(BrokerConnection).whenConnected();
    return app;
  }

  async function openIndex(config: IndexingConfig): Promise<{ index: SearchIndex; embedder: Embedder }> {
    const embedder = await createEmbedder(config);
    const index = await createSearchIndex(config, embedder, logger, { writer: false });
    opened.push(index, embedder);
    return { index, embedder };
  }

  function waitForIndexed(documentId: string): Promise<Envelope> {
    return waitFor(async () => {
      seen.push(...(await drainQueue(vhost.url, queues.trackStatus.name)));
      return seen.find((event) => event.documentId === documentId && event.type === 'document.indexed');
    }, `document.indexed for ${documentId}`);
  }

  async function indexDocument(text: string): Promise<string> {
    const documentId = randomUUID();
    const textKey = objectKeys.extractedText(tenantId, documentId);
    await store.put(textKey, extracted(documentId, text), { contentType: 'application/json' });
    const facts = {
      fileName: `${documentId}.txt`,
      mediaType: 'text/plain',
      tags: ['hr'],
      uploadedAt: '2024-05-01T08:00:00.000Z',
      runStartedAt: '2024-05-01T08:00:00.000Z',
    };
    await metadata
      .get(EventPublisher)
      .publish(
        DocumentClassified,
        { textKey, documentType: 'letter', confidence: 0.9, fields: {}, classifier: { name: 'test', version: '1' }, facts },
        { tenantId, documentId },
      );
    await waitForIndexed(documentId);
    return documentId;
  }

  const sorted = (ids: string[]) => [...ids].sort();
  const idsOf = async (index: SearchIndex) =>
    sorted((await index.documents()).filter((key) => key.tenantId === tenantId).map((key) => key.documentId));

  it('copies every document into the new index in the background, writes new ones to both, resumes after a restart, and switches the alias once all are there', async () => {
    const first = await startIndexing(before);
    const kept = await indexDocument('The pension plan letter explains retirement contributions.');
    const late = await indexDocument('A holiday schedule for the warehouse team in August.');
    await first.close();
    const old = await openIndex(before);
    expect((await alias.read())?.indexName).toBe(old.index.indexName);

    // One document's extraction is missing for now: it cannot be re-embedded, so the alias must not move.
    const lateKey = objectKeys.extractedText(tenantId, late);
    const lateText = await store.getBuffer(lateKey);
    await store.remove(lateKey);

    const second = await startIndexing(after);
    const progress = () => second.get(ReembeddingService).progress();
    await waitFor(async () => (progress().failed > 0 ? true : undefined), 'a failed re-embedding');
    const fresh = (await openIndex(after)).index;
    expect(fresh.indexName).not.toBe(old.index.indexName);
    expect(progress()).toMatchObject({ state: 'reembedding', from: old.index.indexName, to: fresh.indexName, documents: 2, done: 1 });
    // What the Pipeline page shows, asked over the broker as the gateway asks.
    const status = await rpc.call(ReadIndexStatus, {});
    expect(status).toMatchObject({
      engine: 'lancedb',
      indexName: fresh.indexName,
      maintenance: { state: expect.stringMatching(/idle|running/) },
      reembedding: { state: 'reembedding', documents: 2, done: 1, failed: 1, lastError: expect.stringContaining(late) },
    });
    expect(await idsOf(fresh)).toEqual([kept]);
    // Searches still read the old index, with the old embedder's vectors.
    expect((await alias.read())?.indexName).toBe(old.index.indexName);
    const query = await old.embedder.embedQuery('retirement contributions');
    expect((await old.index.vector(query, { tenantId }, 1))[0].documentId).toBe(kept);

    // A document indexed meanwhile goes to both indexes, each embedded by its own index's embedder.
    const meanwhile = await indexDocument('Minutes of the safety committee meeting.');
    expect(await idsOf(old.index)).toEqual(sorted([kept, late, meanwhile]));
    expect(await idsOf(fresh)).toEqual(sorted([kept, meanwhile]));
    const [inOld] = await old.index.chunksOf(tenantId, meanwhile);
    const [inNew] = await fresh.chunksOf(tenantId, meanwhile);
    expect(inOld.vector).toHaveLength(100);
    expect(inNew.vector).toHaveLength(8);
    expect(inNew.pipeline.embedder).toMatch(/^ollama\/embed-b@/);

    // A crash (here a stop) mid-way: the next start goes on from what the new index lacks, then switches.
    await second.close();
    await store.put(lateKey, lateText, { contentType: 'application/json' });
    const third = await startIndexing(after);
    await waitFor(async () => (third.get(ReembeddingService).progress().state === 'switched' ? true : undefined), 'the alias switch');
    expect(third.get(ReembeddingService).progress()).toMatchObject({ documents: 3, done: 3, to: fresh.indexName });
    expect(await alias.read()).toMatchObject({
      indexName: fresh.indexName,
      embedder: { name: 'ollama/embed-b', dimensions: 8, settings: { engine: 'ollama', model: 'embed-b', dimensions: 8 } },
    });
    expect(await idsOf(fresh)).toEqual(sorted([kept, late, meanwhile]));
    // The copy keeps what the old index knew of the document.
    expect((await fresh.chunksOf(tenantId, late))[0]).toMatchObject({ documentType: 'letter', tags: ['hr'], fileName: `${late}.txt` });

    // After the switch, indexing writes the new index only.
    await metadata
      .get(EventPublisher)
      .publish(DocumentDeleted, { objectKey: objectKeys.original(tenantId, kept) }, { tenantId, documentId: kept });
    await waitFor(async () => ((await idsOf(fresh)).includes(kept) ? undefined : true), 'the delete in the new index');
    const last = await indexDocument('An invoice for office chairs.');
    expect(await idsOf(fresh)).toContain(last);
    expect(await idsOf(old.index)).not.toContain(last);
    await third.close();
  });
});

function extracted(documentId: string, text: string): Buffer {
  const body: ExtractedText = {
    documentId,
    mediaType: 'text/plain',
    language: 'en',
    pages: [{ number: 1, text, ocr: false }],
    entities: [],
    extractor: { name: 'test-extractor', version: '1.0.0' },
  };
  return Buffer.from(JSON.stringify(body));
}
