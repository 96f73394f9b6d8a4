import { z } from 'zod';

const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional());

export const searchIndexConfigSchema = z.object({
  /** When set, chunks live in this OpenSearch cluster; otherwise in an embedded LanceDB under LANCE_DIR. */
  OPENSEARCH_URL: optionalUrl,
  OPENSEARCH_ALIAS: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _')
    .default('docpipe-chunks'),
  OPENSEARCH_REFRESH_INTERVAL: z
    .string()
    .regex(/^(-1|\d+(ms|s|m))$/)
    .default('1s'),
  OPENSEARCH_SHARDS: z.coerce.number().int().min(1).default(1),
  OPENSEARCH_REPLICAS: z.coerce.number().int().min(0).default(1),
  LANCE_DIR: z.string().min(1).default('.stack/lance'),
  /** Chunks with vectors from which an ANN index replaces exact vector search. */
  LANCE_ANN_MIN_ROWS: z.coerce.number().int().min(256).default(100_000),
  /** Writes between two compactions / index refreshes of the LanceDB table. */
  LANCE_OPTIMIZE_EVERY: z.coerce.number().int().min(1).default(50),
});

export type SearchIndexConfig = z.output<typeof searchIndexConfigSchema>;
