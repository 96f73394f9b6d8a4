import { hybridPipelineBody, hybridPipelineId, type HybridFusion } from '../src/opensearch-native-requests';
import { OpenSearchIndex } from '../src/opensearch.index';
import type { NativeSearchRequest } from '../src/search-index';
import { axis, silentLogger } from './support/chunks';
import { useFakeOpenSearch } from '@docpipe/testing';

describe("the OpenSearch index's own search: hybrid fusion in a search pipeline, highlights and facets by the engine", () => {
  const { cluster, closeAfterEach } = useFakeOpenSearch();

  async function open(nativeSearch?: HybridFusion): Promise<OpenSearchIndex> {
    const index = await OpenSearchIndex.open({
      node: cluster().url,
      alias: 'docpipe-chunks',
      indexName: 'docpipe-chunks_sif_1',
      dimensions: 8,
      refreshInterval: '1s',
      shards: 1,
      replicas: 1,
      hnsw: { m: 16, efConstruction: 256, efSearch: 300 },
      bulk: { maxBytes: 8 * 1024 * 1024, attempts: 3, backoffMs: 1 },
      logger: silentLogger,
      ...(nativeSearch ? { nativeSearch } : {}),
    });
    closeAfterEach(index);
    return index;
  }

  const searches = () => cluster().requests.filter((request) => request.method === 'POST' && request.path.endsWith('/_search'));
  const request = (overrides: Partial<NativeSearchRequest>): NativeSearchRequest => ({
    mode: 'hybrid',
    text: 'pension contributions',
    vector: axis(1),
    typos: false,
    expansion: null,
    phrases: [],
    filters: { tenantId: 't1' },
    k: 20,
    ...overrides,
  });
  const source = (documentId: string, ordinal: number) => ({
    chunk_id: `${documentId}:${ordinal}`,
    tenant_id: 't1',
    document_id: documentId,
    ordinal,
    page: 3,
    text: 'Quarterly pension contributions are due.',
    document_type: 'letter',
    tags: ['hr'],
    file_name: `${documentId}.pdf`,
    created_at: '2024-05-01T08:00:00.000Z',
  });

  it('puts a search pipeline of min-max normalisation and a weighted mean (keywords 0.3, vectors 0.7) and sends hybrid search through it as one request', async () => {
    const index = await open({ technique: 'min_max', keywordWeight: 0.3 });

    const [pipelineId] = [...cluster().searchPipelines.keys()];
    expect(pipelineId).toMatch(/^docpipe-chunks-hybrid-min-max-[0-9a-f]{12}$/);
    expect(cluster().searchPipelines.get(pipelineId)).toEqual({
      description: 'docpipe hybrid search: min-max normalised scores, weighted mean (keywords 0.3, vectors 0.7)',
      phase_results_processors: [
        {
          'normalization-processor': {
            normalization: { technique: 'min_max' },
            combination: { technique: 'arithmetic_mean', parameters: { weights: [0.3, 0.7] } },
          },
        },
      ],
    });
    expect(index.native?.fusion).toBe('docpipe hybrid search: min-max normalised scores, weighted mean (keywords 0.3, vectors 0.7)');

    await index.native!.search(request({ filters: { tenantId: 't1', documentType: 'letter', excludeDocumentId: 'd9' } }));

    const [search] = searches();
    expect(search.path).toBe('/docpipe-chunks_sif_1/_search');
    expect(search.query).toEqual({ search_pipeline: pipelineId });
    const filter = [{ term: { tenant_id: 't1' } }, { term: { document_type: 'letter' } }];
    const mustNot = [{ term: { document_id: 'd9' } }];
    expect(search.body).toMatchObject({
      size: 20,
      _source: { excludes: ['vector'] },
      query: {
        hybrid: {
          queries: [
            { bool: { must: [{ match: { text: { query: 'pension contributions' } } }], filter, must_not: mustNot } },
            {
              knn: {
                vector: {
                  vector: Array.from(axis(1)),
                  k: 20,
                  filter: { bool: { filter, must_not: mustNot } },
                  method_parameters: { ef_search: 300 },
                },
              },
            },
          ],
        },
      },
    });
  });

  it('fuses by reciprocal rank with the score-ranker processor when the fusion is RRF', async () => {
    const index = await open({ technique: 'rrf', rankConstant: 60 });

    expect([...cluster().searchPipelines.values()]).toEqual([
      {
        description: 'docpipe hybrid search: reciprocal rank fusion, rank constant 60',
        phase_results_processors: [{ 'score-ranker-processor': { combination: { technique: 'rrf', rank_constant: 60 } } }],
      },
    ]);
    await index.native!.search(request({}));
    expect(searches()[0].query).toEqual({ search_pipeline: [...cluster().searchPipelines.keys()][0] });
  });

  it("answers the engine's highlight with each hit and counts each type and tag by distinct documents among all matches", async () => {
    const index = await open({ technique: 'min_max', keywordWeight: 0.3 });
    cluster().answerNextSearch(
      [
        {
          _score: 0.93,
          _source: source('a', 0),
          highlight: { text: ['Quarterly <mark>pension</mark> <mark>contributions</mark> are due.'] },
        },
        { _score: 0.41, _source: source('b', 2) },
      ],
      {
        document_type: {
          buckets: [
            { key: 'letter', doc_count: 17, documents: { value: 4 } },
            { key: 'invoice', doc_count: 3, documents: { value: 1 } },
          ],
        },
        tags: { buckets: [{ key: 'hr', doc_count: 9, documents: { value: 2 } }] },
      },
    );

    const result = await index.native!.search(request({}));

    expect(result.hits.map(({ chunkId, score, highlight }) => ({ chunkId, score, highlight }))).toEqual([
      { chunkId: 'a:0', score: 0.93, highlight: 'Quarterly <mark>pension</mark> <mark>contributions</mark> are due.' },
      { chunkId: 'b:2', score: 0.41, highlight: undefined },
    ]);
    expect(result.hits[0]).toMatchObject({ documentId: 'a', page: 3, documentType: 'letter', tags: ['hr'], fileName: 'a.pdf' });
    expect(result.facets).toEqual({
      documentType: [
        { value: 'letter', count: 4 },
        { value: 'invoice', count: 1 },
      ],
      tag: [{ value: 'hr', count: 2 }],
    });
    expect(searches()[0].body).toMatchObject({
      highlight: {
        pre_tags: ['<mark>'],
        post_tags: ['</mark>'],
        encoder: 'html',
        highlight_query: { match: { text: { query: 'pension contributions' } } },
        fields: { text: { fragment_size: 240, number_of_fragments: 1, no_match_size: 240 } },
      },
      aggs: {
        document_type: {
          terms: { field: 'document_type', size: 100, order: { documents: 'desc' } },
          aggs: { documents: { cardinality: { field: 'document_id' } } },
        },
        tags: {
          terms: { field: 'tags', size: 100, order: { documents: 'desc' } },
          aggs: { documents: { cardinality: { field: 'document_id' } } },
        },
      },
    });
  });

  it('counts synonyms at their weight beside the query, requires quoted phrases in every sub-query, and tolerates typos', async () => {
    const index = await open({ technique: 'min_max', keywordWeight: 0.3 });

    await index.native!.search(
      request({ text: 'pension contributons', typos: true, expansion: { text: 'superannuation', weight: 0.3 }, phrases: ['are due'] }),
    );

    const { queries } = (searches()[0].body as { query: { hybrid: { queries: [KeywordQuery, KnnQuery] } } }).query.hybrid;
    const filter = [{ term: { tenant_id: 't1' } }, { match_phrase: { text: { query: 'are due' } } }];
    expect(queries[0].bool.filter).toEqual(filter);
    expect(queries[1].knn.vector.filter.bool.filter).toEqual(filter);
    expect(queries[0].bool.must).toEqual([
      {
        bool: {
          should: [
            {
              bool: {
                should: [
                  { match: { text: { query: 'pension contributons' } } },
                  { match: { text: { query: 'pension', fuzziness: 1, prefix_length: 1 } } },
                  { match: { text: { query: 'contributons', fuzziness: 2, prefix_length: 1 } } },
                ],
                minimum_should_match: 1,
              },
            },
            { match: { text: { query: 'superannuation', boost: 0.3 } } },
          ],
          minimum_should_match: 1,
        },
      },
    ]);
  });

  it('runs keyword and semantic searches without the pipeline, reporting cosine similarity for vector hits', async () => {
    const index = await open({ technique: 'min_max', keywordWeight: 0.3 });
    cluster().answerNextSearch([{ _score: 7.5, _source: source('a', 0) }]);
    cluster().answerNextSearch([{ _score: 0.9, _source: source('a', 0) }]);

    const keyword = await index.native!.search(request({ mode: 'keyword', vector: null }));
    const semantic = await index.native!.search(request({ mode: 'semantic' }));

    expect(searches().map((search) => search.query)).toEqual([{}, {}]);
    expect(Object.keys((searches()[0].body as { query: object }).query)).toEqual(['bool']);
    expect(Object.keys((searches()[1].body as { query: object }).query)).toEqual(['knn']);
    expect(keyword.hits[0].score).toBe(7.5);
    // Lucene's cosinesimil score is (1 + cos) / 2.
    expect(semantic.hits[0].score).toBeCloseTo(0.8, 6);
  });

  it('leaves fusion, highlights and facets to the app when the cluster refuses the pipeline (no neural-search plugin)', async () => {
    cluster().refusePipelines = { status: 400, reason: 'No processor type exists with name [normalization-processor]' };

    const index = await open({ technique: 'min_max', keywordWeight: 0.3 });

    expect(index.native).toBeNull();
    expect(cluster().searchPipelines.size).toBe(0);
  });

  it('uses the pipeline an administrator put when the reader may not manage pipelines (403), and falls back while there is none', async () => {
    const fusion: HybridFusion = { technique: 'min_max', keywordWeight: 0.3 };
    cluster().refusePipelines = { status: 403, reason: 'no permissions for [cluster:admin/search/pipeline/put]' };

    expect((await open(fusion)).native).toBeNull();

    cluster().searchPipelines.set(hybridPipelineId('docpipe-chunks', fusion), hybridPipelineBody(fusion));
    const index = await open(fusion);
    await index.native!.search(request({}));

    expect(searches()[0].query).toEqual({ search_pipeline: hybridPipelineId('docpipe-chunks', fusion) });
  });

  it('has no search of its own when the reader does not ask for one (the writer, or native search turned off)', async () => {
    const index = await open();

    expect(index.native).toBeNull();
    expect(cluster().requests.some((request) => request.path.startsWith('/_search/pipeline'))).toBe(false);
  });
});

type KeywordQuery = { bool: { must: unknown[]; filter: unknown[] } };
type KnnQuery = { knn: { vector: { filter: { bool: { filter: unknown[] } } } } };
