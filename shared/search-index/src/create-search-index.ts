import type { Logger } from '@docpipe/platform';
import type { IndexAlias } from './index-alias';
import { indexNameFor } from './index-name';
import { LanceAlias } from './lance-alias';
import type { LanceMaintenanceSettings } from './lance-maintenance';
import { LanceIndex, type LanceAnnSettings } from './lance.index';
import { OpenSearchAlias } from './opensearch-alias';
import type { HybridFusion } from './opensearch-native-requests';
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
  /**
   * A reader that lets the engine rank, fuse hybrid search this way, highlight and count facets where it can
   * (OpenSearch with a search pipeline); LanceDB has no such search and ignores it.
   */
  nativeSearch?: HybridFusion;
}

const LANCE_TABLE_PREFIX = 'chunks';

// LanceDB 0.30's own choice for IVF_FLAT (one partition up to 8,192 rows, two from 8,400: recall with one probe falls
// from 1.00 to 0.68 there); larger partitions cost more per probe, smaller ones need more probes for the same recall.
const IVF_PARTITION_ROWS = 8_192;

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
      indexName: searchIndexNameFor(config, embedder),
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
      ...(role.nativeSearch ? { nativeSearch: role.nativeSearch } : {}),
      logger,
    });
  }
  return LanceIndex.open({
    directory: config.LANCE_DIR,
    tableName: searchIndexNameFor(config, embedder),
    dimensions: embedder.dimensions,
    ann: lanceAnnSettings(config),
    ...(role.writer ? { maintenance: lanceMaintenanceSettings(config) } : {}),
    logger,
  });
}

/** The physical index createSearchIndex opens for this embedder. */
export function searchIndexNameFor(config: SearchIndexConfig, embedder: EmbedderIdentity): string {
  return indexNameFor(config.OPENSEARCH_URL ? config.OPENSEARCH_ALIAS : LANCE_TABLE_PREFIX, embedder);
}

/** The alias every reader follows to the index it searches: OpenSearch's own alias, or LanceDB's alias table. */
export async function createIndexAlias(config: SearchIndexConfig): Promise<IndexAlias> {
  if (config.OPENSEARCH_URL) return new OpenSearchAlias(config.OPENSEARCH_URL, config.OPENSEARCH_ALIAS);
  return LanceAlias.open(config.LANCE_DIR, LANCE_TABLE_PREFIX);
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
    partitionRows: IVF_PARTITION_ROWS,
  };
}

export function lanceMaintenanceSettings(config: SearchIndexConfig): LanceMaintenanceSettings {
  return {
    minUnindexedRows: config.LANCE_MAINTENANCE_ROWS,
    intervalMs: config.LANCE_MAINTENANCE_INTERVAL_S * 1000,
    checkEveryMs: MAINTENANCE_CHECK_MS,
  };
}
