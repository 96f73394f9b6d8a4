import { NonRetryableError } from '@docpipe/platform';
import { OpenSearchAlias } from '../src/opensearch-alias';
import { OpenSearchIndex, type OpenSearchIndexOptions } from '../src/opensearch.index';
import { axis, chunk, DIMENSIONS, silentLogger } from './support/chunks';
import { useFakeOpenSearch } from '@docpipe/testing';

describe('the OpenSearch index against a server answering like OpenSearch', () => {
  const { cluster, closeAfterEach } = useFakeOpenSearch();

  async function open(overrides: Partial<OpenSearchIndexOptions> = {}): Promise<OpenSearchIndex> {
    const index = await OpenSearchIndex.open({
      node: cluster().url,
      alias: 'docpipe-chunks',
      indexName: 'docpipe-chunks_sif_1',
      dimensions: DIMENSIONS,
      refreshInterval: '5s',
      shards: 2,
      replicas: 1,
      hnsw: { m: 24, efConstruction: 200, efSearch: 300 },
      bulk: { maxBytes: 8 * 1024 * 1024, attempts: 3, backoffMs: 1 },
      logger: silentLogger,
      ...overrides,
    });
    closeAfterEach(index);
    return index;
  }

  const requestsTo = (method: string, path: string) =>
    cluster().requests.filter((request) => request.method === method && request.path === path);

  it('creates its index with a k-NN HNSW vector field built with the configured m and ef_construction, English-analysed text, keyword filters, the refresh interval and the alias', async () => {
    await open();

    const [create] = requestsTo('PUT', '/docpipe-chunks_sif_1');
    expect(create.body).toEqual({
      settings: { index: { knn: true, number_of_shards: 2, number_of_replicas: 1, refresh_interval: '5s' } },
      mappings: {
        dynamic: 'strict',
        properties: {
          chunk_id: { type: 'keyword' },
          tenant_id: { type: 'keyword' },
          document_id: { type: 'keyword' },
          ordinal: { type: 'integer' },
          page: { type: 'integer' },
          text: { type: 'text', analyzer: 'english' },
          vector: {
            type: 'knn_vector',
            dimension: DIMENSIONS,
            method: { name: 'hnsw', space_type: 'cosinesimil', engine: 'lucene', parameters: { m: 24, ef_construction: 200 } },
          },
          document_type: { type: 'keyword' },
          tags: { type: 'keyword' },
          file_name: { type: 'keyword' },
          created_at: { type: 'date' },
          extractor: { type: 'keyword' },
          chunker: { type: 'keyword' },
          embedder: { type: 'keyword' },
        },
      },
      aliases: { 'docpipe-chunks': {} },
    });
  });

  it('opens an existing index without creating it again', async () => {
    await open();
    cluster().requests.splice(0);
    await open();

    expect(requestsTo('PUT', '/docpipe-chunks_sif_1')).toEqual([]);
    expect(cluster().requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'HEAD /docpipe-chunks_sif_1',
      'HEAD /_alias/docpipe-chunks',
      'GET /_alias/docpipe-chunks',
    ]);
  });

  it('builds a new embedder’s index beside the old one, records its embedder, and switches the alias to it in one atomic request', async () => {
    const old = await open();
    const rebuilt = await open({ indexName: 'docpipe-chunks_ollama_2' });
    const alias = new OpenSearchAlias(cluster().url, 'docpipe-chunks');

    expect((requestsTo('PUT', '/docpipe-chunks_ollama_2')[0].body as { aliases?: unknown }).aliases).toBeUndefined();
    expect(await old.stats()).toMatchObject({ details: { aliasTargets: ['docpipe-chunks_sif_1'] } });
    expect(await alias.read()).toEqual({ indexName: 'docpipe-chunks_sif_1', embedder: null });

    const embedder = {
      name: 'ollama:nomic-embed-text',
      version: '2',
      dimensions: DIMENSIONS,
      settings: { engine: 'ollama', model: 'nomic-embed-text', dimensions: DIMENSIONS },
    };
    await alias.switchTo({ indexName: 'docpipe-chunks_ollama_2', embedder });
    await alias.close();

    // The record first, then the switch: a reader following the alias always finds the embedder of the index it names.
    expect(requestsTo('POST', '/docpipe-chunks_ollama_2/_mapping').map((request) => request.body)).toEqual([{ _meta: { embedder } }]);
    expect(requestsTo('POST', '/_aliases').map((request) => request.body)).toEqual([
      {
        actions: [
          { remove: { index: 'docpipe-chunks_sif_1', alias: 'docpipe-chunks' } },
          { add: { index: 'docpipe-chunks_ollama_2', alias: 'docpipe-chunks' } },
        ],
      },
    ]);
    expect(await rebuilt.stats()).toMatchObject({
      engine: 'opensearch',
      indexName: 'docpipe-chunks_ollama_2',
      details: { aliasTargets: ['docpipe-chunks_ollama_2'] },
    });
    expect(await new OpenSearchAlias(cluster().url, 'docpipe-chunks').read()).toEqual({ indexName: 'docpipe-chunks_ollama_2', embedder });
  });

  it('lists the documents of its own index (not the alias’s) by their first chunks, in pages after the last chunk id, ', async () => {
    const old = await open();
    const rebuilt = await open({ indexName: 'docpipe-chunks_ollama_2' });
    await old.upsertDocumentChunks('t1', 'old-only', [chunk({ tenantId: 't1', documentId: 'old-only', text: 'a' })]);
    for (const documentId of ['d1', 'd2']) {
      const chunks = [0, 1, 2].map((i) => chunk({ tenantId: 't2', documentId, text: `part ${i}` }, i));
      await rebuilt.upsertDocumentChunks('t2', documentId, chunks);
    }

    expect(await rebuilt.documents()).toEqual([
      { tenantId: 't2', documentId: 'd1' },
      { tenantId: 't2', documentId: 'd2' },
    ]);
    const listing = requestsTo('POST', '/docpipe-chunks_ollama_2/_search').at(-1);
    expect(listing?.body).toEqual({
      size: 1000,
      query: { bool: { filter: [{ term: { ordinal: 0 } }] } },
      _source: ['tenant_id', 'document_id'],
      sort: [{ chunk_id: { order: 'asc' } }],
    });
  });

  it('writes chunks in one NDJSON bulk request keyed by chunk id, waits for the refresh, then deletes the stale tail without forcing one', async () => {
    const index = await open();
    const withVector = chunk({ tenantId: 't1', documentId: 'doc', text: 'first chunk', vector: axis(1), tags: ['q1'] }, 0);
    const withoutVector = chunk({ tenantId: 't1', documentId: 'doc', text: 'zx-81', vector: null }, 1);

    await index.upsertDocumentChunks('t1', 'doc', [withVector, withoutVector]);

    const [bulk] = requestsTo('POST', '/_bulk');
    expect(bulk.contentType).toBe('application/x-ndjson');
    expect(bulk.query).toEqual({ refresh: 'wait_for' });
    expect(bulk.body).toEqual([
      { index: { _index: 'docpipe-chunks_sif_1', _id: 'doc:0' } },
      {
        chunk_id: 'doc:0',
        tenant_id: 't1',
        document_id: 'doc',
        ordinal: 0,
        page: 1,
        text: 'first chunk',
        vector: Array.from(axis(1)),
        document_type: 'invoice',
        tags: ['q1'],
        file_name: 'doc.pdf',
        created_at: '2024-03-01T10:00:00.000Z',
        extractor: 'test-extractor@1',
        chunker: 'test-chunker@1',
        embedder: 'test-embedder@1',
      },
      { index: { _index: 'docpipe-chunks_sif_1', _id: 'doc:1' } },
      expect.not.objectContaining({ vector: expect.anything() }),
    ]);
    const [stale] = requestsTo('POST', '/docpipe-chunks_sif_1/_delete_by_query');
    expect(stale.query).toEqual({ refresh: 'false', conflicts: 'proceed' });
    expect(stale.body).toEqual({
      query: { bool: { filter: [{ term: { tenant_id: 't1' } }, { term: { document_id: 'doc' } }, { range: { ordinal: { gte: 2 } } }] } },
    });
  });

  it('leaves exactly the new chunks when a document is re-indexed shorter', async () => {
    const index = await open();
    const version = (count: number, text: string) =>
      Array.from({ length: count }, (_, ordinal) => chunk({ tenantId: 't1', documentId: 'doc', text }, ordinal));
    await index.upsertDocumentChunks('t1', 'doc', version(3, 'old'));
    await index.upsertDocumentChunks('t1', 'doc', version(2, 'new'));

    const docs = cluster().indices.get('docpipe-chunks_sif_1')?.docs;
    expect([...(docs?.entries() ?? [])].map(([id, doc]) => [id, doc.text])).toEqual([
      ['doc:0', 'new'],
      ['doc:1', 'new'],
    ]);
  });

  it('fails the document at once, without retrying, naming the chunk and the reason, when OpenSearch refuses a chunk for good', async () => {
    const index = await open();
    cluster().bulkErrors.set('doc:0', { type: 'mapper_parsing_exception', reason: 'failed to parse field [vector]' });

    const write = index.upsertDocumentChunks('t1', 'doc', [chunk({ tenantId: 't1', documentId: 'doc', text: 'x' })]);

    await expect(write).rejects.toBeInstanceOf(NonRetryableError);
    await expect(write).rejects.toMatchObject({
      code: 'search_index_rejected',
      message: 'OpenSearch refused chunk 0 of document doc (400 mapper_parsing_exception): failed to parse field [vector]',
    });
    expect(requestsTo('POST', '/_bulk')).toHaveLength(1);
  });

  it('splits a long document into bulk requests within the byte limit, only the last one waiting for the refresh', async () => {
    const index = await open({ bulk: { maxBytes: 64 * 1024, attempts: 3, backoffMs: 1 } });
    const chunks = Array.from({ length: 40 }, (_, ordinal) =>
      chunk({ tenantId: 't1', documentId: 'long', text: `section ${ordinal} `.repeat(300), vector: axis(ordinal % DIMENSIONS) }, ordinal),
    );

    await index.upsertDocumentChunks('t1', 'long', chunks);

    const bulks = requestsTo('POST', '/_bulk');
    expect(bulks.length).toBeGreaterThan(2);
    for (const bulk of bulks)
      expect(Buffer.byteLength((bulk.body as object[]).map((line) => JSON.stringify(line)).join('\n'))).toBeLessThanOrEqual(64 * 1024);
    expect(bulks.map((bulk) => bulk.query.refresh)).toEqual([...bulks.slice(1).map(() => 'false'), 'wait_for']);
    expect(cluster().indices.get('docpipe-chunks_sif_1')?.docs.size).toBe(40);
  });

  it('sends again, after a backoff, only the chunks the cluster was too busy for (429), and the whole bulk when it answered 429', async () => {
    const index = await open();
    cluster().bulkErrors.set('doc:1', { type: 'es_rejected_execution_exception', reason: 'queue full', status: 429, times: 1 });
    cluster().bulkStatuses.push(429);
    const chunks = [0, 1, 2].map((ordinal) => chunk({ tenantId: 't1', documentId: 'doc', text: `part ${ordinal}` }, ordinal));

    await index.upsertDocumentChunks('t1', 'doc', chunks);

    const sentIds = requestsTo('POST', '/_bulk').map((bulk) =>
      (bulk.body as Array<{ index?: { _id: string } }>).flatMap((line) => (line.index ? [line.index._id] : [])),
    );
    expect(sentIds).toEqual([['doc:0', 'doc:1', 'doc:2'], ['doc:0', 'doc:1', 'doc:2'], ['doc:1']]);
    expect([...(cluster().indices.get('docpipe-chunks_sif_1')?.docs.keys() ?? [])].sort()).toEqual(['doc:0', 'doc:1', 'doc:2']);
  });

  it('gives up with a retryable search_index_busy once the cluster stays overloaded for every attempt', async () => {
    const index = await open();
    cluster().bulkStatuses.push(500, 429, 429);

    const write = index.upsertDocumentChunks('t1', 'doc', [chunk({ tenantId: 't1', documentId: 'doc', text: 'x' })]);

    await expect(write).rejects.toMatchObject({ code: 'search_index_busy' });
    await expect(write).rejects.not.toBeInstanceOf(NonRetryableError);
    expect(requestsTo('POST', '/_bulk')).toHaveLength(3);
  });

  it('tells the operator to lower OPENSEARCH_BULK_MAX_BYTES when the cluster refuses a bulk as too large', async () => {
    const index = await open();
    cluster().bulkStatuses.push(413);

    await expect(index.upsertDocumentChunks('t1', 'doc', [chunk({ tenantId: 't1', documentId: 'doc', text: 'x' })])).rejects.toMatchObject({
      code: 'search_index_request_too_large',
      message: expect.stringContaining('lower OPENSEARCH_BULK_MAX_BYTES'),
    });
  });

  const book = (version: string) =>
    Array.from({ length: 1_203 }, (_, ordinal) =>
      chunk({ tenantId: 't1', documentId: 'book', text: `${version} page ${ordinal}` }, ordinal),
    );
  type Page = { size: number; search_after?: number[]; pit?: { id: string; keep_alive: string } };

  it('reads a document of one page in one request, without a point in time', async () => {
    const index = await open();
    await index.upsertDocumentChunks('t1', 'leaflet', [chunk({ tenantId: 't1', documentId: 'leaflet', text: 'one page' })]);

    expect(await index.chunksOf('t1', 'leaflet')).toHaveLength(1);
    expect(cluster().requests.filter((request) => request.path.includes('_search'))).toHaveLength(1);
  });

  it('reads back every chunk of a long document in bounded pages, in order, inside a point in time it deletes afterwards', async () => {
    const index = await open();
    await index.upsertDocumentChunks('t1', 'book', book('v1'));

    const stored = await index.chunksOf('t1', 'book');

    expect(stored.map((item) => item.ordinal)).toEqual(book('v1').map((item) => item.ordinal));
    const [probe] = requestsTo('POST', '/docpipe-chunks_sif_1/_search').map((request) => request.body as Page);
    expect(probe).toMatchObject({ size: 500 });
    expect(requestsTo('POST', '/docpipe-chunks_sif_1/_search/point_in_time').map((request) => request.query)).toEqual([
      { keep_alive: '1m' },
    ]);
    const pages = requestsTo('POST', '/_search').map((request) => request.body as Page);
    expect(pages.map((page) => [page.size, page.search_after, page.pit?.keep_alive])).toEqual([
      [500, undefined, '1m'],
      [500, [499], '1m'],
      [500, [999], '1m'],
    ]);
    const pitId = pages[0]!.pit!.id;
    expect(pages.every((page) => page.pit?.id === pitId)).toBe(true);
    expect(requestsTo('DELETE', '/_search/point_in_time').map((request) => request.body)).toEqual([{ pit_id: [pitId] }]);
    expect(cluster().pointsInTime.size).toBe(0);
  });

  it('reads a long document as it was when reading began, though it is re-indexed between two pages', async () => {
    const index = await open();
    await index.upsertDocumentChunks('t1', 'book', book('v1'));
    // The re-indexing lands (synchronously, in the cluster) as the second page is asked for.
    cluster().onRequest = (request) => {
      if ((request.body as Page | null)?.search_after?.[0] !== 499) return;
      for (const source of cluster().indices.get('docpipe-chunks_sif_1')!.docs.values())
        source.text = String(source.text).replace('v1', 'v2');
    };

    const stored = await index.chunksOf('t1', 'book');

    expect(stored).toHaveLength(1_203);
    expect(new Set(stored.map((item) => item.text.split(' ')[0]))).toEqual(new Set(['v1']));
    expect((await index.chunksOf('t1', 'book')).every((item) => item.text.startsWith('v2'))).toBe(true);
  });

  it('reads a long document without a point in time on a cluster that refuses them, and stops asking for one', async () => {
    cluster().refusePointsInTime = {
      status: 400,
      reason: 'no handler found for uri [/docpipe-chunks_sif_1/_search/point_in_time] and method [POST]',
    };
    const index = await open();
    await index.upsertDocumentChunks('t1', 'book', book('v1'));

    expect(await index.chunksOf('t1', 'book')).toHaveLength(1_203);
    expect(await index.chunksOf('t1', 'book')).toHaveLength(1_203);

    expect(requestsTo('POST', '/docpipe-chunks_sif_1/_search/point_in_time')).toHaveLength(1);
    const pages = requestsTo('POST', '/docpipe-chunks_sif_1/_search').map((request) => (request.body as Page).search_after);
    expect(pages).toEqual([undefined, [499], [999], undefined, [499], [999]]);
    expect(requestsTo('POST', '/_search')).toHaveLength(0);
  });

  it('searches keywords in its own index (the reader switches index and embedder together) with BM25 on text, the tenant and filters as non-scoring clauses', async () => {
    const index = await open();
    const source = {
      chunk_id: 'a:0',
      tenant_id: 't1',
      document_id: 'a',
      ordinal: 0,
      page: 2,
      text: 'hello',
      document_type: null,
      tags: ['x'],
      file_name: 'a.txt',
      created_at: '2024-01-01T00:00:00.000Z',
      extractor: 'e',
      chunker: 'c',
      embedder: 'm',
    };
    cluster().answerNextSearch([{ _score: 7.5, _source: source }]);

    const hits = await index.keyword(
      'hello world',
      { tenantId: 't1', documentType: 'letter', tag: 'x', from: '2024-01-01T00:00:00Z', excludeDocumentId: 'b' },
      20,
    );

    expect(requestsTo('POST', '/docpipe-chunks_sif_1/_search')[0].body).toEqual({
      size: 20,
      _source: { excludes: ['vector'] },
      query: {
        bool: {
          must: [{ match: { text: { query: 'hello world' } } }],
          filter: [
            { term: { tenant_id: 't1' } },
            { term: { document_type: 'letter' } },
            { term: { tags: 'x' } },
            { range: { created_at: { gte: '2024-01-01T00:00:00Z' } } },
          ],
          must_not: [{ term: { document_id: 'b' } }],
        },
      },
    });
    expect(hits).toEqual([
      {
        chunkId: 'a:0',
        tenantId: 't1',
        documentId: 'a',
        ordinal: 0,
        page: 2,
        text: 'hello',
        documentType: null,
        tags: ['x'],
        fileName: 'a.txt',
        createdAt: '2024-01-01T00:00:00.000Z',
        score: 7.5,
      },
    ]);
  });

  it('with typo tolerance, also matches each word of 5 letters or more with fuzziness 1 (2 from 9 letters), first letter kept', async () => {
    const index = await open();
    cluster().answerNextSearch([]);

    await index.keyword('fax to Rotterdm harbourage', { tenantId: 't1' }, 5, { typos: true });

    expect(
      (requestsTo('POST', '/docpipe-chunks_sif_1/_search')[0].body as { query: { bool: { must: unknown[] } } }).query.bool.must,
    ).toEqual([
      {
        bool: {
          should: [
            { match: { text: { query: 'fax to Rotterdm harbourage' } } },
            { match: { text: { query: 'rotterdm', fuzziness: 1, prefix_length: 1 } } },
            { match: { text: { query: 'harbourage', fuzziness: 2, prefix_length: 1 } } },
          ],
          minimum_should_match: 1,
        },
      },
    ]);
  });

  it('searches vectors with a k-NN query that filters inside the graph search, and reports cosine similarity', async () => {
    const index = await open();
    const source = {
      chunk_id: 'a:0',
      tenant_id: 't1',
      document_id: 'a',
      ordinal: 0,
      page: 1,
      text: 'near',
      document_type: 'invoice',
      tags: [],
      file_name: 'a.txt',
      created_at: '2024-01-01T00:00:00.000Z',
    };
    cluster().answerNextSearch([{ _score: 0.9, _source: source }]);

    const hits = await index.vector(axis(0), { tenantId: 't1', to: '2024-12-31T00:00:00Z' }, 5);

    expect(requestsTo('POST', '/docpipe-chunks_sif_1/_search')[0].body).toEqual({
      size: 5,
      _source: { excludes: ['vector'] },
      query: {
        knn: {
          vector: {
            vector: Array.from(axis(0)),
            k: 5,
            filter: {
              bool: { filter: [{ term: { tenant_id: 't1' } }, { range: { created_at: { lte: '2024-12-31T00:00:00Z' } } }], must_not: [] },
            },
            method_parameters: { ef_search: 300 },
          },
        },
      },
    });
    // Lucene's cosinesimil score is (1 + cos) / 2.
    expect(hits[0].score).toBeCloseTo(0.8, 6);
    expect(await index.vector(new Float32Array(DIMENSIONS), { tenantId: 't1' }, 5)).toEqual([]);
    expect(requestsTo('POST', '/docpipe-chunks_sif_1/_search')).toHaveLength(1);
  });

  it("deletes a document's chunks from its own index and from what the alias reads, only within the tenant", async () => {
    const index = await open();
    await index.upsertDocumentChunks(
      't1',
      'doc',
      [0, 1].map((ordinal) => chunk({ tenantId: 't1', documentId: 'doc', text: 'x' }, ordinal)),
    );
    await index.upsertDocumentChunks('t2', 'doc', [chunk({ tenantId: 't2', documentId: 'doc', text: 'x', chunkId: 't2-doc:0' })]);

    expect(await index.deleteDocument('t1', 'doc')).toBe(2);

    const [deletion] = requestsTo('POST', '/docpipe-chunks_sif_1,docpipe-chunks/_delete_by_query');
    expect(deletion.body).toEqual({ query: { bool: { filter: [{ term: { tenant_id: 't1' } }, { term: { document_id: 'doc' } }] } } });
    expect([...(cluster().indices.get('docpipe-chunks_sif_1')?.docs.keys() ?? [])]).toEqual(['t2-doc:0']);
    expect(await index.deleteDocument('t1', 'doc')).toBe(0);
  });

  it("sets a corrected type on the document's chunks in its own index and in what the alias reads, only within the tenant, refreshed before answering", async () => {
    const index = await open();
    await index.upsertDocumentChunks(
      't1',
      'doc',
      [0, 1].map((ordinal) => chunk({ tenantId: 't1', documentId: 'doc', text: 'x', documentType: 'other' }, ordinal)),
    );
    await index.upsertDocumentChunks('t2', 'doc', [
      chunk({ tenantId: 't2', documentId: 'doc', text: 'x', chunkId: 't2-doc:0', documentType: 'other' }),
    ]);

    expect(await index.setDocumentType('t1', 'doc', "o'brien-type")).toBe(2);

    const [update] = requestsTo('POST', '/docpipe-chunks_sif_1,docpipe-chunks/_update_by_query');
    expect(update.query).toEqual({ refresh: 'true' });
    expect(update.body).toEqual({
      query: { bool: { filter: [{ term: { tenant_id: 't1' } }, { term: { document_id: 'doc' } }] } },
      script: { source: 'ctx._source.document_type = params.documentType', lang: 'painless', params: { documentType: "o'brien-type" } },
    });
    const types = [...(cluster().indices.get('docpipe-chunks_sif_1')?.docs.entries() ?? [])].map(([id, doc]) => [id, doc.document_type]);
    expect(types).toEqual([
      ['doc:0', "o'brien-type"],
      ['doc:1', "o'brien-type"],
      ['t2-doc:0', 'other'],
    ]);
    expect(await index.setDocumentType('t1', 'unknown', 'letter')).toBe(0);
  });

  it('reports an unreachable cluster as unavailable, naming it', async () => {
    await expect(open({ node: 'http://127.0.0.1:9' })).rejects.toMatchObject({
      code: 'search_index_unavailable',
      message: expect.stringContaining('OpenSearch at http://127.0.0.1:9 could not check the index'),
    });
  });

  it('never repeats the credentials of OPENSEARCH_URL in an error, its stack or its cause', async () => {
    const error = (await open({ node: 'http://admin:hunter2@127.0.0.1:9' }).catch((caught: unknown) => caught)) as Error;

    expect(error).toMatchObject({
      code: 'search_index_unavailable',
      message: expect.stringContaining('OpenSearch at http://***@127.0.0.1:9'),
    });
    expect(JSON.stringify({ message: error.message, stack: error.stack, cause: error.cause })).not.toContain('hunter2');
  });
});
