import { z } from 'zod';
import { embeddingsConfigSchema } from '@docpipe/embeddings';
import { baseConfigSchema } from '@docpipe/platform';
import { searchIndexConfigSchema } from '@docpipe/search-index';
import { storageConfigSchema } from '@docpipe/storage';

export const configSchema = baseConfigSchema
  .merge(storageConfigSchema)
  .merge(embeddingsConfigSchema)
  .merge(searchIndexConfigSchema)
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3104),
    /** Documents one copy of the service indexes at once (its RabbitMQ prefetch); scale out with more copies. */
    INDEXING_CONCURRENCY: z.coerce.number().int().positive().default(16),
    /** Longest chunk in characters (about 200-300 words): one search hit, one embedding. */
    CHUNK_MAX_CHARS: z.coerce.number().int().min(200).max(8000).default(1200),
    /** Characters repeated from the end of a chunk at the start of the next one of the same section. */
    CHUNK_OVERLAP_CHARS: z.coerce.number().int().min(0).default(150),
    /** After a re-embedding pass in which some documents failed, how long before they are tried again. */
    REEMBED_RETRY_MS: z.coerce.number().int().min(100).default(30_000),
  })
  .refine((config) => config.CHUNK_OVERLAP_CHARS < config.CHUNK_MAX_CHARS / 2, {
    message: 'CHUNK_OVERLAP_CHARS must be less than half of CHUNK_MAX_CHARS',
    path: ['CHUNK_OVERLAP_CHARS'],
  });

export type IndexingConfig = z.output<typeof configSchema>;

export const INDEXING_CONFIG = Symbol('docpipe:indexing-config');
