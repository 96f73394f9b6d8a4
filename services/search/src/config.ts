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
    /** Highlighted chunks shown per document. */
    HIGHLIGHTS_PER_DOCUMENT: z.coerce.number().int().min(1).max(10).default(3),
  });

export type SearchConfig = z.output<typeof configSchema>;

export const SEARCH_CONFIG = Symbol('docpipe:search-config');
