import type { API, Types } from '@opensearch-project/opensearch';
import { createHash } from 'node:crypto';
import { filterClauses, HIT_SOURCE, keywordQuery, mustNot } from './opensearch-requests';
import type { NativeSearchRequest } from './search-index';

type Query = Types.Common_QueryDsl.QueryContainer;

/**
 * How the engine fuses hybrid search's two rankings (keyword first, vectors second), as the search service's own
 * SEARCH_FUSION: `min_max` normalises each ranking's scores to 0…1 and takes their weighted arithmetic mean
 * (OpenSearch 2.10+); `rrf` sums 1 / (rankConstant + rank) over the rankings (OpenSearch 2.19+).
 */
export type HybridFusion = { technique: 'min_max'; keywordWeight: number } | { technique: 'rrf'; rankConstant: number };

/** Highlights as the app's snippets: one window of about 240 characters, the start of the text when no word matched. */
const SNIPPET_CHARS = 240;
/** Facet values per field: far more types and tags than a page shows. */
const FACET_VALUES = 100;

/** The search pipeline whose phase-results processor fuses the hybrid query's sub-query scores. */
export function hybridPipelineBody(fusion: HybridFusion): Types.SearchPipeline_Common.SearchPipelineStructure {
  if (fusion.technique === 'rrf') {
    return {
      description: `docpipe hybrid search: reciprocal rank fusion, rank constant ${fusion.rankConstant}`,
      phase_results_processors: [{ 'score-ranker-processor': { combination: { technique: 'rrf', rank_constant: fusion.rankConstant } } }],
    };
  }
  // OpenSearch wants weights that sum to 1; rounding keeps 1 − w from drifting to 0.7000000000000001.
  const weights = [fusion.keywordWeight, Number((1 - fusion.keywordWeight).toFixed(6))];
  return {
    description: `docpipe hybrid search: min-max normalised scores, weighted mean (keywords ${weights[0]}, vectors ${weights[1]})`,
    phase_results_processors: [
      {
        'normalization-processor': {
          normalization: { technique: 'min_max' },
          combination: { technique: 'arithmetic_mean', parameters: { weights } },
        },
      },
    ],
  };
}

/** Named after its content: replicas with other settings use another pipeline instead of overwriting this one. */
export function hybridPipelineId(alias: string, fusion: HybridFusion): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(hybridPipelineBody(fusion)))
    .digest('hex')
    .slice(0, 12);
  return `${alias}-hybrid-${fusion.technique.replace('_', '-')}-${digest}`;
}

/**
 * One search the engine runs whole: the keyword query (its synonyms counted at their weight beside it, as the app's
 * expansion does), the k-NN query, or both as a `hybrid` query fused by the search pipeline; the tenant, filters and
 * phrases inside each sub-query (pre-filters, so k-NN still finds k allowed chunks); highlights of the query's own
 * words; and per type and per tag the number of distinct documents among the matches.
 */
export function nativeSearchBody(request: NativeSearchRequest, efSearch: number): API.Search_RequestBody {
  return {
    size: request.k,
    _source: HIT_SOURCE,
    query: nativeQuery(request, efSearch),
    highlight: {
      pre_tags: ['<mark>'],
      post_tags: ['</mark>'],
      encoder: 'html',
      highlight_query: keywordQuery(request.text, { typos: request.typos }),
      fields: { text: { fragment_size: SNIPPET_CHARS, number_of_fragments: 1, no_match_size: SNIPPET_CHARS } },
    },
    aggs: { document_type: facetAggregation('document_type'), tags: facetAggregation('tags') },
  };
}

function nativeQuery(request: NativeSearchRequest, efSearch: number): Query {
  const filter = [
    ...filterClauses(request.filters),
    ...request.phrases.map((phrase): Query => ({ match_phrase: { text: { query: phrase } } })),
  ];
  const keyword: Query = { bool: { must: [expandedKeywordQuery(request)], filter, must_not: mustNot(request.filters) } };
  if (request.mode === 'keyword') return keyword;
  if (!request.vector) throw new Error(`a ${request.mode} search needs the query's vector`);
  const knn: Query = {
    knn: {
      vector: {
        vector: Array.from(request.vector),
        k: request.k,
        filter: { bool: { filter, must_not: mustNot(request.filters) } },
        method_parameters: { ef_search: Math.max(request.k, efSearch) },
      },
    },
  };
  return request.mode === 'semantic' ? knn : { hybrid: { queries: [keyword, knn] } };
}

/** BM25 of the query plus `weight` × BM25 of its synonyms: a chunk with only synonyms still matches, lower. */
function expandedKeywordQuery(request: NativeSearchRequest): Query {
  const own = keywordQuery(request.text, { typos: request.typos });
  if (!request.expansion) return own;
  const synonyms: Query = { match: { text: { query: request.expansion.text, boost: request.expansion.weight } } };
  return { bool: { should: [own, synonyms], minimum_should_match: 1 } };
}

/**
 * Values of a keyword field by how many distinct documents have them (a document has many chunks). The client's
 * generated types lack `field` (an anyOf branch of the specification, which the conformance test checks), hence the cast.
 */
function facetAggregation(field: string): Types.Common_Aggregations.AggregationContainer {
  return {
    terms: { field, size: FACET_VALUES, order: { documents: 'desc' } },
    aggs: { documents: { cardinality: { field: 'document_id' } } },
  } as Types.Common_Aggregations.AggregationContainer;
}
