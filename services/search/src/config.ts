import { z } from 'zod';
import { embeddingsConfigSchema } from '@docpipe/embeddings';
import { baseConfigSchema } from '@docpipe/platform';
import { searchIndexConfigSchema } from '@docpipe/search-index';

// Learned by `npm run eval:search` (it prints the grid); see SEARCH_KEYWORD_WEIGHT.
export const KEYWORD_WEIGHT = 0.3;
export const COVERAGE_POWER = 1;
export const CHUNK_COVERAGE_POWER = 1;

export const configSchema = baseConfigSchema
  .merge(embeddingsConfigSchema)
  .merge(searchIndexConfigSchema)
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3105),
    /** Chunks each engine (BM25, vectors) contributes before fusion and grouping into documents; facets count these. */
    SEARCH_CANDIDATES: z.coerce.number().int().min(10).max(1000).default(100),
    /** Reciprocal rank fusion's k: larger values flatten the advantage of the very first ranks (60 in the original paper). */
    RRF_K: z.coerce.number().int().min(1).default(60),
    /**
     * Hybrid search's trust in keywords, 0…1: the weight of the normalised BM25 score against cosine similarity,
     * times the share of the query's words that the best keyword hit contains, raised to SEARCH_COVERAGE_POWER.
     * The defaults are the ones `npm run eval:search` learned on the train half of its queries (USE lite + SIF).
     */
    SEARCH_KEYWORD_WEIGHT: z.coerce.number().min(0).max(1).default(KEYWORD_WEIGHT),
    /** How sharply keyword trust falls when the best keyword hit lacks some of the query's words (0: not at all). */
    SEARCH_COVERAGE_POWER: z.coerce.number().min(0).max(16).default(COVERAGE_POWER),
    /** How sharply a chunk's own keyword evidence falls when it lacks some of the query's words (0: not at all). */
    SEARCH_CHUNK_COVERAGE_POWER: z.coerce.number().min(0).max(16).default(CHUNK_COVERAGE_POWER),
    /** `convex`: the score fusion above; `rrf`: plain reciprocal rank fusion (the evaluation's baseline). */
    SEARCH_FUSION: z.enum(['convex', 'rrf']).default('convex'),
    /**
     * With OPENSEARCH_URL: `true` lets OpenSearch run search whole — hybrid fused by a search pipeline (SEARCH_FUSION's
     * technique: `convex` as min-max normalisation with SEARCH_KEYWORD_WEIGHT, `rrf` with RRF_K, 2.19+), highlights and
     * facets counted over every match — in one request per page, without the app's reranking. A cluster that refuses
     * the pipeline (no neural-search plugin) is searched the app's way, with a warning.
     */
    OPENSEARCH_NATIVE_SEARCH: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    /** Keyword and hybrid search also match long words one typo away (two from 9 letters); `false`: exact words only. */
    SEARCH_TYPO_TOLERANCE: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    /**
     * Keyword and hybrid search also look for WordNet synonyms (and broader nouns) of the query's words, their BM25
     * counted at this weight beside the query's own (0: off). 0.3 was set before measuring, not learned.
     */
    SEARCH_EXPANSION_WEIGHT: z.coerce.number().min(0).max(1).default(0.3),
    /** Hybrid candidates (best first after fusion) that the second-stage reranker re-scores; 0 turns reranking off. */
    SEARCH_RERANK_TOP: z.coerce.number().int().min(0).max(200).default(50),
    /** When OLLAMA_HOST is set, this model re-ranks the best SEARCH_OLLAMA_RERANK_TOP hybrid chunks after the offline reranker. */
    OLLAMA_MODEL: z.string().min(1).default('llama3.2'),
    /** Chunks the Ollama reranker sees (0: no Ollama reranking even with OLLAMA_HOST set). */
    SEARCH_OLLAMA_RERANK_TOP: z.coerce.number().int().min(0).max(50).default(20),
    /** A search waits this long for the Ollama reranker, then answers in the offline reranker's order. */
    OLLAMA_RERANK_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
    /** With OLLAMA_HOST set, OLLAMA_MODEL picks the sentences of a search.ask answer (`false`: the extractive answerer always). */
    ASK_OLLAMA: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    /** A question waits this long for the Ollama answerer, then the extractive answerer answers. */
    ASK_OLLAMA_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
    /** How often search checks which index the alias names (a re-embedding switches it); a switch takes effect within this. */
    SEARCH_ALIAS_CHECK_MS: z.coerce.number().int().min(100).default(5_000),
    /** Highlighted chunks shown per document. */
    HIGHLIGHTS_PER_DOCUMENT: z.coerce.number().int().min(1).max(10).default(3),
  });

export type SearchConfig = z.output<typeof configSchema>;

export const SEARCH_CONFIG = Symbol('docpipe:search-config');
