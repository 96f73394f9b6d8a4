import { z } from 'zod';
import { embeddingsConfigSchema } from '@docpipe/embeddings';
import { baseConfigSchema } from '@docpipe/platform';
import { searchIndexConfigSchema } from '@docpipe/search-index';

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
     * Hybrid search's trust in keywords, 0…1 (semantic gets the rest), scaled per query by the share of the query's
     * words the best keyword hit contains (a keyword ranking that matched only a stray word counts for little). 0.5 trusts both
     * alike; `npm run eval:search` learns its own weight on the train half of its queries and prints the figures for it.
     */
    SEARCH_KEYWORD_WEIGHT: z.coerce.number().min(0).max(1).default(0.5),
    /** `weighted`: the fusion above; `rrf`: plain reciprocal rank fusion, both rankings alike (the evaluation's baseline). */
    SEARCH_FUSION: z.enum(['weighted', 'rrf']).default('weighted'),
    /** Highlighted chunks shown per document. */
    HIGHLIGHTS_PER_DOCUMENT: z.coerce.number().int().min(1).max(10).default(3),
  });

export type SearchConfig = z.output<typeof configSchema>;

export const SEARCH_CONFIG = Symbol('docpipe:search-config');
