import { OpenSearchAlias } from '../src/opensearch-alias';
import type { HybridFusion } from '../src/opensearch-native-requests';
import { OpenSearchIndex } from '../src/opensearch.index';
import { axis, chunk, DIMENSIONS, silentLogger } from './support/chunks';
import { FakeOpenSearch, type RecordedRequest } from '@docpipe/testing';
import { OpenSearchSpec } from './support/opensearch-spec';

describe('every request the OpenSearch index sends, against the OpenSearch API specification', () => {
  let cluster: FakeOpenSearch;
  const spec = new OpenSearchSpec();

  beforeAll(async () => {
    cluster = await FakeOpenSearch.start();
  });
  afterAll(() => cluster.close());

  const open = (indexName: string) =>
    OpenSearchIndex.open({
      node: cluster.url,
      alias: 'docpipe-chunks',
      indexName,
      dimensions: DIMENSIONS,
      refreshInterval: '1s',
      shards: 1,
      replicas: 1,
      hnsw: { m: 16, efConstruction: 256, efSearch: 256 },
      // Small batches, so one document takes several bulk requests.
      bulk: { maxBytes: 2_000, attempts: 3, backoffMs: 1 },
      logger: silentLogger,
    });

  it('conforms in a whole life cycle: create, bulk writes, searches, paging, a type correction, counts, deletes, listing documents, the embedder record and an alias switch', async () => {
    const first = await open('docpipe-chunks_a');
    const chunks = Array.from({ length: 12 }, (_, i) =>
      chunk({ tenantId: 't1', documentId: 'd1', text: `Invoice line ${i}`, vector: axis(i % DIMENSIONS), tags: ['q3'] }, i),
    );
    await first.upsertDocumentChunks('t1', 'd1', chunks);
    await first.keyword('invoice total', { tenantId: 't1', documentType: 'invoice', tag: 'q3', from: '2024-01-01', to: '2024-12-31' }, 5);
    await first.keyword('invoice totl', { tenantId: 't1' }, 5, { typos: true });
    await first.vector(axis(1), { tenantId: 't1', excludeDocumentId: 'd9' }, 5);
    await first.chunksOf('t1', 'd1');
    await first.setDocumentType('t1', 'd1', 'letter');
    await first.stats();
    await first.deleteDocument('t1', 'd1');
    const second = await open('docpipe-chunks_b');
    await second.upsertDocumentChunks('t1', 'd1', chunks);
    await second.documents();
    const alias = new OpenSearchAlias(cluster.url, 'docpipe-chunks');
    await alias.read();
    await alias.switchTo({
      indexName: 'docpipe-chunks_b',
      embedder: { name: 'sif', version: '1', dimensions: DIMENSIONS, settings: { engine: 'sif' } },
    });
    await alias.read();
    await Promise.all([first.close(), second.close(), alias.close()]);

    const operations = new Set(cluster.requests.map((request) => `${request.method} ${request.path.split('/').at(-1)}`));
    expect(operations).toEqual(
      new Set([
        'HEAD docpipe-chunks_a',
        'HEAD docpipe-chunks_b',
        'HEAD docpipe-chunks',
        'GET docpipe-chunks',
        'PUT docpipe-chunks_a',
        'PUT docpipe-chunks_b',
        'POST _bulk',
        'POST _delete_by_query',
        'POST _update_by_query',
        'POST _search',
        'GET _count',
        'POST _aliases',
        'GET _mapping',
        'POST _mapping',
      ]),
    );
    expect(cluster.requests.flatMap((request) => spec.violations(request))).toEqual([]);
  });

  it('conforms when it reads a document longer than one page inside a point in time: create it, search in it, delete it', async () => {
    cluster.reset();
    const index = await open('docpipe-chunks_a');
    // Stored straight into the cluster: hundreds of bulk requests would only repeat what the life cycle checks.
    const docs = cluster.indices.get('docpipe-chunks_a')!.docs;
    for (let ordinal = 0; ordinal < 501; ordinal++)
      docs.set(`book:${ordinal}`, { chunk_id: `book:${ordinal}`, tenant_id: 't1', document_id: 'book', ordinal, text: `page ${ordinal}` });

    expect(await index.chunksOf('t1', 'book')).toHaveLength(501);
    await index.close();

    const operations = new Set(cluster.requests.map((request) => `${request.method} ${request.path}`));
    expect(operations).toEqual(
      new Set([
        'HEAD /docpipe-chunks_a',
        'HEAD /_alias/docpipe-chunks',
        'PUT /docpipe-chunks_a',
        'POST /docpipe-chunks_a/_search',
        'POST /docpipe-chunks_a/_search/point_in_time',
        'POST /_search',
        'DELETE /_search/point_in_time',
      ]),
    );
    expect(cluster.requests.flatMap((request) => spec.violations(request))).toEqual([]);
  });

  it("conforms in the engine's own search: both hybrid search pipelines, and hybrid, keyword and semantic searches with filters, phrases, synonyms, typos, highlights and facet aggregations", async () => {
    cluster.reset();
    const reader = async (nativeSearch: HybridFusion) => {
      const index = await OpenSearchIndex.open({
        node: cluster.url,
        alias: 'docpipe-chunks',
        indexName: 'docpipe-chunks_a',
        dimensions: DIMENSIONS,
        refreshInterval: '1s',
        shards: 1,
        replicas: 1,
        hnsw: { m: 16, efConstruction: 256, efSearch: 256 },
        bulk: { maxBytes: 2_000, attempts: 3, backoffMs: 1 },
        nativeSearch,
        logger: silentLogger,
      });
      if (!index.native) throw new Error('the fake cluster accepts search pipelines');
      return { index, native: index.native };
    };
    const minMax = await reader({ technique: 'min_max', keywordWeight: 0.3 });
    const rrf = await reader({ technique: 'rrf', rankConstant: 60 });
    const filters = { tenantId: 't1', documentType: 'invoice', tag: 'q3', from: '2024-01-01', to: '2024-12-31', excludeDocumentId: 'd9' };
    const request = {
      text: 'invoice totl',
      vector: axis(1),
      typos: true,
      expansion: { text: 'bill statement', weight: 0.3 },
      phrases: ['net total'],
      filters,
      k: 40,
    };
    for (const mode of ['hybrid', 'keyword', 'semantic'] as const) await minMax.native.search({ ...request, mode });
    await rrf.native.search({ ...request, mode: 'hybrid', typos: false, expansion: null, phrases: [] });
    // A reader that may not manage pipelines reads the one an administrator put.
    cluster.refusePipelines = { status: 403, reason: 'no permissions for [cluster:admin/search/pipeline/put]' };
    const restricted = await reader({ technique: 'min_max', keywordWeight: 0.3 });
    await Promise.all([minMax.index.close(), rrf.index.close(), restricted.index.close()]);

    const operations = new Set(cluster.requests.map((request) => `${request.method} ${request.path.replace(/[^/]+$/, '…')}`));
    expect(operations).toEqual(
      new Set([
        'HEAD /…',
        'HEAD /_alias/…',
        'GET /_alias/…',
        'PUT /…',
        'PUT /_search/pipeline/…',
        'GET /_search/pipeline/…',
        'POST /docpipe-chunks_a/…',
      ]),
    );
    expect(cluster.requests.filter((request) => request.query.search_pipeline)).toHaveLength(2);
    expect(cluster.requests.flatMap((request) => spec.violations(request))).toEqual([]);
  });

  it('finds what drifts from the specification: an unknown operation, parameter or value, and a misplaced or misspelt field', () => {
    const search = (body: unknown, query: Record<string, string> = {}): RecordedRequest => ({
      method: 'POST',
      path: '/docpipe-chunks/_search',
      query,
      body,
      contentType: 'application/json',
    });
    const knn = { vector: { vector: [1, 0], k: 3 } };

    expect(spec.violations(search({ size: 3, query: { knn } }))).toEqual([]);
    expect(spec.violations({ ...search(null), method: 'PATCH' })).toEqual([
      'PATCH /docpipe-chunks/_search: no such operation in the specification',
    ]);
    expect(spec.violations(search(null, { refresh: 'true' }))).toEqual([
      'POST /docpipe-chunks/_search: query parameter "refresh" is not declared for POST /{index}/_search',
    ]);
    expect(spec.violations({ ...search(null, { refresh: 'soon' }), path: '/_bulk' })).toEqual(
      expect.arrayContaining(['POST /_bulk: query parameter refresh=soon does not match its schema']),
    );
    expect(spec.violations(search({ size: 3, query: { knn: { vector: { ...knn.vector, ef_search: 100 } } } }))).toEqual([
      'POST /docpipe-chunks/_search: body.query.knn.vector.ef_search is not in the specification',
    ]);
    expect(spec.violations(search({ size: 'three', query: { knn } }))).toEqual([expect.stringContaining('body/size must be integer')]);
    expect(spec.violations(search({ sise: 3, query: { knn } }))).toEqual([
      'POST /docpipe-chunks/_search: body.sise is not in the specification',
    ]);
    const pipeline = (processor: unknown): RecordedRequest => ({
      method: 'PUT',
      path: '/_search/pipeline/docpipe-chunks-hybrid',
      query: {},
      body: { phase_results_processors: [processor] },
      contentType: 'application/json',
    });
    expect(spec.violations(pipeline({ 'normalization-processor': { normalization: { technique: 'min_max' } } }))).toEqual([]);
    expect(spec.violations(pipeline({ 'normalization-processor': { normalisation: { technique: 'min_max' } } }))).toEqual([
      'PUT /_search/pipeline/docpipe-chunks-hybrid: body.phase_results_processors[0].normalization-processor.normalisation is not in the specification',
    ]);
    expect(spec.violations(pipeline({ 'score-ranker-processor': { combination: { technique: 'borda' } } }))).toEqual([
      expect.stringContaining('must be equal to one of the allowed values'),
    ]);
    expect(spec.violations(search({ size: 3, query: { hybrid: { queries: [{ knn }], weights: [1] } } }))).toEqual([
      'POST /docpipe-chunks/_search: body.query.hybrid.weights is not in the specification',
    ]);
    const method = { name: 'hnsw', space_typ: 'cosinesimil', engine: 'lucene', parameters: { m: 16 } };
    const create = { mappings: { properties: { vector: { type: 'knn_vector', dimension: 8, method } } } };
    expect(spec.violations({ method: 'PUT', path: '/docpipe-chunks_a', query: {}, body: create, contentType: 'application/json' })).toEqual(
      ['PUT /docpipe-chunks_a: body.mappings.properties.vector.method.space_typ is not in the specification'],
    );
  });
});
