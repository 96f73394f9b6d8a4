import { randomBytes } from 'node:crypto';
import { Client } from '@opensearch-project/opensearch';
import { hybridPipelineId, type HybridFusion } from '../../src/opensearch-native-requests';
import { OpenSearchIndex } from '../../src/opensearch.index';
import { axis, chunk, DIMENSIONS, silentLogger } from '../support/chunks';

// Included by jest.config.js only when OPENSEARCH_URL is set (a cluster with the k-NN plugin).
describe('the OpenSearch index on the cluster at OPENSEARCH_URL', () => {
  const node = process.env.OPENSEARCH_URL ?? '';
  const alias = `docpipe-test-${randomBytes(4).toString('hex')}`;
  const admin = new Client({ node });
  const fusion: HybridFusion = { technique: 'min_max', keywordWeight: 0.3 };
  let index: OpenSearchIndex;
  let reader: OpenSearchIndex;

  const open = (nativeSearch?: HybridFusion) =>
    OpenSearchIndex.open({
      node,
      alias,
      indexName: `${alias}_v1`,
      dimensions: DIMENSIONS,
      refreshInterval: '1s',
      shards: 1,
      replicas: 0,
      hnsw: { m: 16, efConstruction: 256, efSearch: 256 },
      bulk: { maxBytes: 8 * 1024 * 1024, attempts: 3, backoffMs: 200 },
      ...(nativeSearch ? { nativeSearch } : {}),
      logger: silentLogger,
    });

  beforeAll(async () => {
    index = await open();
    // The search pipeline needs the neural-search plugin (in OpenSearch's default distribution, 2.10+).
    reader = await open(fusion);
  });

  afterAll(async () => {
    await Promise.all([index.close(), reader.close()]);
    await admin.indices.delete({ index: `${alias}_v1` });
    await admin.searchPipeline.delete({ id: hybridPipelineId(alias, fusion) });
    await admin.close();
  });

  it('finds chunks by stemmed keywords and by vector within one tenant, replaces them on re-index, sets a corrected type and deletes them', async () => {
    await index.upsertDocumentChunks('t1', 'invoice', [
      chunk({ tenantId: 't1', documentId: 'invoice', text: 'The invoices are due in thirty days', vector: axis(0) }, 0),
      chunk({ tenantId: 't1', documentId: 'invoice', text: 'Bank details follow', vector: axis(1) }, 1),
    ]);
    await index.upsertDocumentChunks('t2', 'other', [
      chunk({ tenantId: 't2', documentId: 'other', text: 'invoice of another tenant', vector: axis(0) }),
    ]);

    expect((await index.keyword('invoice', { tenantId: 't1' }, 10)).map((hit) => hit.chunkId)).toEqual(['invoice:0']);
    const [nearest] = await index.vector(axis(1), { tenantId: 't1' }, 1);
    expect(nearest).toMatchObject({ chunkId: 'invoice:1', score: expect.closeTo(1, 3) });

    await index.upsertDocumentChunks('t1', 'invoice', [chunk({ tenantId: 't1', documentId: 'invoice', text: 'Revised invoice' })]);
    expect((await index.chunksOf('t1', 'invoice')).map((stored) => stored.text)).toEqual(['Revised invoice']);

    expect(await index.setDocumentType('t1', 'invoice', 'receipt')).toBe(1);
    expect((await index.keyword('invoice', { tenantId: 't1', documentType: 'receipt' }, 10)).map((hit) => hit.chunkId)).toEqual([
      'invoice:0',
    ]);

    expect(await index.deleteDocument('t1', 'invoice')).toBe(1);
    expect(await index.keyword('invoice', { tenantId: 't1' }, 10)).toEqual([]);
  });

  it('runs hybrid search in its search pipeline, with highlights and facets counted by distinct documents, within one tenant', async () => {
    await index.upsertDocumentChunks('t1', 'bill', [
      chunk({ tenantId: 't1', documentId: 'bill', text: 'Two invoices for the harbour crane', vector: axis(0), tags: ['port'] }, 0),
      chunk({ tenantId: 't1', documentId: 'bill', text: 'The invoice total is due in May', vector: axis(0), tags: ['port'] }, 1),
    ]);
    await index.upsertDocumentChunks('t1', 'memo', [
      chunk({ tenantId: 't1', documentId: 'memo', text: 'Crane maintenance schedule', vector: axis(2), documentType: 'memo' }),
    ]);
    await index.upsertDocumentChunks('t2', 'other', [chunk({ tenantId: 't2', documentId: 'other', text: 'invoice', vector: axis(0) })]);
    expect(reader.native).not.toBeNull();

    const result = await reader.native!.search({
      mode: 'hybrid',
      text: 'invoice',
      vector: axis(0),
      typos: true,
      expansion: null,
      phrases: [],
      filters: { tenantId: 't1' },
      k: 10,
    });

    expect(result.hits.slice(0, 2).map((hit) => hit.documentId)).toEqual(['bill', 'bill']);
    expect(result.hits.every((hit) => hit.tenantId === 't1')).toBe(true);
    expect(result.hits[0].highlight).toMatch(/<mark>invoices?<\/mark>/);
    expect(result.facets.documentType).toEqual(expect.arrayContaining([{ value: 'invoice', count: 1 }]));
    expect(result.facets.tag).toEqual([{ value: 'port', count: 1 }]);
  });
});
