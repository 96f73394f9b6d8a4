import { OpenSearchAlias } from '../src/opensearch-alias';
import { OpenSearchIndex } from '../src/opensearch.index';
import { axis, chunk, DIMENSIONS, silentLogger } from './support/chunks';
import { FakeOpenSearch, type RecordedRequest } from './support/fake-opensearch';
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
    const method = { name: 'hnsw', space_typ: 'cosinesimil', engine: 'lucene', parameters: { m: 16 } };
    const create = { mappings: { properties: { vector: { type: 'knn_vector', dimension: 8, method } } } };
    expect(spec.violations({ method: 'PUT', path: '/docpipe-chunks_a', query: {}, body: create, contentType: 'application/json' })).toEqual(
      ['PUT /docpipe-chunks_a: body.mappings.properties.vector.method.space_typ is not in the specification'],
    );
  });
});
