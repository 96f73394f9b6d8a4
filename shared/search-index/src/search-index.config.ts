import { z } from 'zod';

const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional());

export const searchIndexConfigSchema = z.object({
  /** When set, chunks live in this OpenSearch cluster; otherwise in an embedded LanceDB under LANCE_DIR. */
  OPENSEARCH_URL: optionalUrl,
  OPENSEARCH_ALIAS: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _')
    .default('docpipe-chunks'),
  // -1 (no periodic refresh) would make every `refresh=wait_for` write wait until the client times out.
  OPENSEARCH_REFRESH_INTERVAL: z
    .string()
    .regex(/^[1-9]\d*(ms|s|m)$/, 'a positive interval such as 1s, 500ms or 1m; -1 is refused: writes wait for a refresh to be findable')
    .default('1s'),
  /** Bytes of NDJSON per bulk request; OpenSearch recommends 5-15 MB and managed clusters cap the request size. */
  OPENSEARCH_BULK_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(100 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  /** Attempts per chunk that the cluster answers 429 or 5xx, with exponential backoff and jitter between them. */
  OPENSEARCH_BULK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** HNSW graph: links per node and candidate list at build; higher means better recall, more memory and slower builds. */
  OPENSEARCH_HNSW_M: z.coerce.number().int().min(4).max(128).default(16),
  OPENSEARCH_HNSW_EF_CONSTRUCTION: z.coerce.number().int().min(16).max(2048).default(256),
  /** Candidate list per k-NN query (OpenSearch 2.16+ `method_parameters.ef_search`); at least k is used. */
  OPENSEARCH_HNSW_EF_SEARCH: z.coerce.number().int().min(16).max(4096).default(256),
  OPENSEARCH_SHARDS: z.coerce.number().int().min(1).default(1),
  OPENSEARCH_REPLICAS: z.coerce.number().int().min(0).default(1),
  LANCE_DIR: z.string().min(1).default('.stack/lance'),
  /** Chunks with vectors from which an ANN index replaces exact vector search. */
  LANCE_ANN_MIN_ROWS: z.coerce.number().int().min(256).default(100_000),
  /** `hnsw-sq` (IVF_HNSW_SQ) or `ivf-flat` (IVF_FLAT): see shared/search-index/README.md; a change rebuilds the index. */
  // ivf-flat: recall@10 1.00 at 100k with 10 probes where hnsw-sq stayed at 0.71 (its 8-bit codes tie near-equal
  // vectors); bench section 5 prints both.
  LANCE_ANN_INDEX: z.enum(['hnsw-sq', 'ivf-flat']).default('ivf-flat'),
  /** ivf-flat: partitions (of 8,192 rows) searched per vector query; raise it with the collection's size. */
  LANCE_NPROBES: z.coerce.number().int().min(1).max(10_000).default(10),
  /** The ANN graph (IVF_HNSW_SQ): links per vector and the build's candidate list; more is better recall, slower builds. */
  LANCE_HNSW_M: z.coerce.number().int().min(4).max(128).default(20),
  LANCE_HNSW_EF_CONSTRUCTION: z.coerce.number().int().min(16).max(2048).default(300),
  /** Candidate list per vector query (at least k is used), and the share of candidates re-scored with full vectors. */
  LANCE_HNSW_EF: z.coerce.number().int().min(10).max(4096).default(200),
  LANCE_REFINE_FACTOR: z.coerce.number().int().min(0).max(100).default(4),
  /** Rows written since the last index build from which the writer's background maintenance runs… */
  LANCE_MAINTENANCE_ROWS: z.coerce.number().int().min(1).default(5_000),
  /** …or, while any row is unindexed, at least this often (seconds). Unindexed rows are searched exactly meanwhile. */
  LANCE_MAINTENANCE_INTERVAL_S: z.coerce.number().int().min(1).default(300),
});

export type SearchIndexConfig = z.output<typeof searchIndexConfigSchema>;
