import type { Logger } from '@docpipe/platform';
import { indexNameFor } from './index-name';
import type { LanceMaintenanceSettings } from './lance-maintenance';
import { LanceIndex, type LanceAnnSettings } from './lance.index';
import { OpenSearchIndex } from './opensearch.index';
import type { SearchIndex } from './search-index';
import type { SearchIndexConfig } from './search-index.config';

export interface EmbedderIdentity {
  name: string;
  version: string;
  dimensions: number;
}

export interface SearchIndexRole {
  /** The process that writes (indexing) keeps an embedded index's indexes up to date in the background. */
  writer: boolean;
}

// How often the writer counts unindexed rows: a few seconds, against LANCE_MAINTENANCE_ROWS of writes.
const MAINTENANCE_CHECK_MS = 5_000;

/** OpenSearch when OPENSEARCH_URL is set, else LanceDB; either way one index per embedder. */
export async function createSearchIndex(
  config: SearchIndexConfig,
  embedder: EmbedderIdentity,
  logger: Logger,
  role: SearchIndexRole,
): Promise<SearchIndex> {
  if (config.OPENSEARCH_URL) {
    return OpenSearchIndex.open({
      node: config.OPENSEARCH_URL,
      alias: config.OPENSEARCH_ALIAS,
      indexName: indexNameFor(config.OPENSEARCH_ALIAS, embedder),
      dimensions: embedder.dimensions,
      refreshInterval: config.OPENSEARCH_REFRESH_INTERVAL,
      shards: config.OPENSEARCH_SHARDS,
      replicas: config.OPENSEARCH_REPLICAS,
      hnsw: {
        m: config.OPENSEARCH_HNSW_M,
        efConstruction: config.OPENSEARCH_HNSW_EF_CONSTRUCTION,
        efSearch: config.OPENSEARCH_HNSW_EF_SEARCH,
      },
      bulk: { maxBytes: config.OPENSEARCH_BULK_MAX_BYTES, attempts: config.OPENSEARCH_BULK_ATTEMPTS, backoffMs: 200 },
      logger,
    });
  }
  return LanceIndex.open({
    directory: config.LANCE_DIR,
    tableName: indexNameFor('chunks', embedder),
    dimensions: embedder.dimensions,
    ann: lanceAnnSettings(config),
    ...(role.writer ? { maintenance: lanceMaintenanceSettings(config) } : {}),
    logger,
  });
}

export function lanceAnnSettings(config: SearchIndexConfig): LanceAnnSettings {
  return {
    kind: config.LANCE_ANN_INDEX,
    nprobes: config.LANCE_NPROBES,
    minRows: config.LANCE_ANN_MIN_ROWS,
    m: config.LANCE_HNSW_M,
    efConstruction: config.LANCE_HNSW_EF_CONSTRUCTION,
    ef: config.LANCE_HNSW_EF,
    refineFactor: config.LANCE_REFINE_FACTOR,
  };
}

export function lanceMaintenanceSettings(config: SearchIndexConfig): LanceMaintenanceSettings {
  return {
    minUnindexedRows: config.LANCE_MAINTENANCE_ROWS,
    intervalMs: config.LANCE_MAINTENANCE_INTERVAL_S * 1000,
    checkEveryMs: MAINTENANCE_CHECK_MS,
  };
}
