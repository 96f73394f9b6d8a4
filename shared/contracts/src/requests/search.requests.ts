import { z } from 'zod';
import { defineRequest } from '../request';

/**
 * What the engines under a search can fail with, in every request that reads the index: the index or the encoder is
 * down (worth retrying), or the encoder answered something unusable.
 */
export const SEARCH_ENGINE_ERRORS = [
  'search_index_unavailable',
  'embedder_unavailable',
  'embedding_failed',
  'embedder_invalid_answer',
] as const;

export const searchModeSchema = z.enum(['hybrid', 'semantic', 'keyword']);

export const searchHitSchema = z.object({
  documentId: z.string(),
  score: z.number(),
  fileName: z.string(),
  documentType: z.string().nullable(),
  tags: z.array(z.string()),
  /** The best chunks of the document for the query, each with its page and a highlighted snippet. */
  highlights: z.array(z.object({ page: z.number().int().positive().nullable(), snippet: z.string(), score: z.number() })),
});

const facet = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const SearchDocuments = defineRequest({
  name: 'search.query',
  service: 'search',
  description:
    'Ranked documents for a query in one tenant: keyword (BM25), semantic (vectors) or hybrid (both, scores fused); the query may hold "phrases", type:, tag:, from: and to:.',
  request: z.object({
    tenantId: z.string().min(1),
    q: z.string().min(1).max(1000),
    mode: searchModeSchema.default('hybrid'),
    documentType: z.string().optional(),
    tag: z.string().optional(),
    from: z.string().datetime().optional(),
    to: z.string().datetime().optional(),
    page: z.number().int().min(1).default(1),
    size: z.number().int().min(1).max(50).default(10),
  }),
  response: z.object({
    hits: z.array(searchHitSchema),
    total: z
      .number()
      .int()
      .nonnegative()
      .describe(
        'How many documents the ranked candidates hold: the chunks the search fetched (k = min(1000, max(SEARCH_CANDIDATES, page × size × 4)), 100 by default: the best k of the keyword and of the vector ranking when the app searches, the best k fused when OpenSearch searches itself), grouped by document. Every page up to total / size has hits; a query matching more documents than k chunks reach is not counted whole.',
      ),
    facets: z
      .object({ documentType: facet, tag: facet })
      .describe(
        'Per document type and per tag, how many documents have it. Searched by the app (the default, and always on LanceDB): the same documents `total` counts. Searched by OpenSearch itself (OPENSEARCH_NATIVE_SEARCH=true): distinct documents among every match the engine found, which is every chunk matching the keywords plus, in semantic and hybrid search, the k nearest chunks per shard, so a count can exceed `total`; the engine counts distinct documents with a cardinality aggregation, close to exact up to 3,000 per value and an estimate above.',
      ),
    tookMs: z.number().nonnegative(),
  }),
  errors: SEARCH_ENGINE_ERRORS,
});

export const FindSimilarDocuments = defineRequest({
  name: 'search.similar',
  service: 'search',
  description: 'Documents of the same tenant closest in meaning to one document (more like this).',
  request: z.object({ tenantId: z.string().min(1), documentId: z.string(), size: z.number().int().min(1).max(50).default(10) }),
  response: z.object({ hits: z.array(searchHitSchema) }),
  errors: ['document_not_found', ...SEARCH_ENGINE_ERRORS],
});
