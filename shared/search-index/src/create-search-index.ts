import type { Logger } from '@docpipe/platform';
import { indexNameFor } from './index-name';
import { LanceIndex } from './lance.index';
import { OpenSearchIndex } from './opensearch.index';
import type { SearchIndex } from './search-index';
import type { SearchIndexConfig } from './search-index.config';

export interface EmbedderIdentity {
  name: string;
  version: string;
  dimensions: number;
}

/** OpenSearch when OPENSEARCH_URL is set, else LanceDB; either way one index per embedder. */
export async function createSearchIndex(config: SearchIndexConfig, embedder: EmbedderIdentity, logger: Logger): Promise<SearchIndex> {
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
    annMinRows: config.LANCE_ANN_MIN_ROWS,
    optimizeEvery: config.LANCE_OPTIMIZE_EVERY,
    logger,
  });
}
