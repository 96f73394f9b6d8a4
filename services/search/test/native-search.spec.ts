import { createLogger, loadConfig } from '@docpipe/platform';
import { useFakeOpenSearch, type FakeHit } from '@docpipe/testing';
import { configSchema } from '../src/config';
import { LEARNED_RERANK_WEIGHTS } from '../src/rerank-weights';
import { SearchService } from '../src/search.service';
import { ServingIndex } from '../src/serving-index';

const logger = createLogger({ service: 'native-search-test', level: 'silent' });

/** Search on OpenSearch with OPENSEARCH_NATIVE_SEARCH: the engine ranks, fuses, highlights and counts facets. */
describe('search run whole by OpenSearch (OPENSEARCH_NATIVE_SEARCH=true)', () => {
  const { cluster, closeAfterEach } = useFakeOpenSearch();

  async function searchService(env: Record<string, string> = {}): Promise<SearchService> {
    const config = loadConfig(configSchema, {
      ...process.env,
      OPENSEARCH_URL: cluster().url,
      OPENSEARCH_NATIVE_SEARCH: 'true',
      OLLAMA_HOST: '',
      OFFLINE_EMBEDDER: 'sif',
      ...env,
    });
    const serving = await ServingIndex.open(config, logger);
    closeAfterEach(serving);
    return new SearchService(config, serving, LEARNED_RERANK_WEIGHTS, null);
  }

  const hit = (documentId: string, score: number, highlight?: string): FakeHit => ({
    _score: score,
    _source: {
      chunk_id: `${documentId}:0`,
      tenant_id: 'tenant-a',
      document_id: documentId,
      ordinal: 0,
      page: 2,
      text: 'Quarterly pension contributions are due.',
      document_type: 'letter',
      tags: ['hr'],
      file_name: `${documentId}.pdf`,
      created_at: '2024-05-01T08:00:00.000Z',
    },
    ...(highlight ? { highlight: { text: [highlight] } } : {}),
  });
  const searches = () => cluster().requests.filter((request) => request.method === 'POST' && request.path.endsWith('/_search'));

  it('answers a hybrid search with one request through the search pipeline, showing the engine highlights and facets over every match', async () => {
    const search = await searchService({ SEARCH_FUSION: 'convex', SEARCH_KEYWORD_WEIGHT: '0.4' });
    cluster().answerNextSearch([hit('a', 0.9, 'Quarterly <mark>pension</mark> contributions <mark>are due</mark>.'), hit('b', 0.5)], {
      document_type: { buckets: [{ key: 'letter', doc_count: 40, documents: { value: 12 } }] },
      tags: { buckets: [{ key: 'hr', doc_count: 30, documents: { value: 9 } }] },
    });

    const result = await search.search({ tenantId: 'tenant-a', q: 'pension "are due" type:letter', mode: 'hybrid', page: 1, size: 10 });

    expect(result.hits.map(({ documentId, score, highlights }) => ({ documentId, score, highlights }))).toEqual([
      {
        documentId: 'a',
        score: 0.9,
        highlights: [{ page: 2, snippet: 'Quarterly <mark>pension</mark> contributions <mark>are due</mark>.', score: 0.9 }],
      },
      // No highlight from the engine: the app's own snippet of the chunk.
      {
        documentId: 'b',
        score: 0.5,
        highlights: [{ page: 2, snippet: 'Quarterly <mark>pension</mark> contributions are <mark>due</mark>.', score: 0.5 }],
      },
    ]);
    expect(result.facets).toEqual({ documentType: [{ value: 'letter', count: 12 }], tag: [{ value: 'hr', count: 9 }] });

    const [pipeline] = [...cluster().searchPipelines.entries()];
    expect(pipeline[1]).toMatchObject({
      phase_results_processors: [{ 'normalization-processor': { combination: { parameters: { weights: [0.4, 0.6] } } } }],
    });
    expect(searches()).toHaveLength(1);
    const [request] = searches();
    expect(request.query).toEqual({ search_pipeline: pipeline[0] });
    const [keyword, knn] = (request.body as { query: { hybrid: { queries: [KeywordQuery, object] } } }).query.hybrid.queries;
    expect(keyword.bool.filter).toEqual([
      { term: { tenant_id: 'tenant-a' } },
      { term: { document_type: 'letter' } },
      { match_phrase: { text: { query: 'are due' } } },
    ]);
    expect(knn).toHaveProperty('knn.vector.vector');
  });

  it('fuses by reciprocal rank in the engine when SEARCH_FUSION is rrf', async () => {
    const search = await searchService({ SEARCH_FUSION: 'rrf', RRF_K: '40' });

    await search.search({ tenantId: 'tenant-a', q: 'pension', mode: 'hybrid', page: 1, size: 10 });

    expect([...cluster().searchPipelines.values()]).toEqual([
      expect.objectContaining({
        phase_results_processors: [{ 'score-ranker-processor': { combination: { technique: 'rrf', rank_constant: 40 } } }],
      }),
    ]);
  });

  it('searches the app way — one keyword and one vector request, fused, facets counted by the app — when the cluster refuses the pipeline', async () => {
    cluster().refusePipelines = { status: 400, reason: 'No processor type exists with name [normalization-processor]' };
    const search = await searchService();

    const result = await search.search({ tenantId: 'tenant-a', q: 'pension', mode: 'hybrid', page: 1, size: 10 });

    expect(result).toMatchObject({ hits: [], facets: { documentType: [], tag: [] } });
    expect(searches().length).toBeGreaterThanOrEqual(2);
    expect(searches().every((request) => request.query.search_pipeline === undefined)).toBe(true);
  });
});

type KeywordQuery = { bool: { filter: unknown[] } };
