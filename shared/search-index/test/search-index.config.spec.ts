import { ConfigError, loadConfig } from '@docpipe/platform';
import { searchIndexConfigSchema } from '../src/search-index.config';

describe('search index settings', () => {
  it('defaults to 8 MB bulk requests, five attempts and an HNSW graph built and searched for high recall', () => {
    expect(loadConfig(searchIndexConfigSchema, {})).toMatchObject({
      OPENSEARCH_REFRESH_INTERVAL: '1s',
      OPENSEARCH_BULK_MAX_BYTES: 8 * 1024 * 1024,
      OPENSEARCH_BULK_ATTEMPTS: 5,
      OPENSEARCH_HNSW_M: 16,
      OPENSEARCH_HNSW_EF_CONSTRUCTION: 256,
      OPENSEARCH_HNSW_EF_SEARCH: 256,
    });
  });

  it('refuses a refresh interval of -1, which would make every write wait for a refresh that never comes', () => {
    expect(() => loadConfig(searchIndexConfigSchema, { OPENSEARCH_REFRESH_INTERVAL: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig(searchIndexConfigSchema, { OPENSEARCH_REFRESH_INTERVAL: '-1' })).toThrow(/-1 is refused/);
    expect(loadConfig(searchIndexConfigSchema, { OPENSEARCH_REFRESH_INTERVAL: '500ms' }).OPENSEARCH_REFRESH_INTERVAL).toBe('500ms');
  });
});
