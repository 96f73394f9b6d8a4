import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbedder, embedderSettingsOf, type Embedder } from '@docpipe/embeddings';
import { createLogger, loadConfig } from '@docpipe/platform';
import { createIndexAlias, createSearchIndex, type SearchIndex } from '@docpipe/search-index';
import { useFakeOllama } from '@docpipe/testing';
import { configSchema, type SearchConfig } from '../src/config';
import { ServingIndex } from '../src/serving-index';

const logger = createLogger({ service: 'serving-index-test', level: 'silent' });
const tenantId = 'tenant-a';

/** Search configured for a new embedder while the alias still names the old embedder's index (a re-embedding runs). */
describe('the index search serves, on the embedded engine', () => {
  const ollama = useFakeOllama({ models: ['embed-b'], dimensions: 8 });
  const lanceDir = mkdtempSync(join(tmpdir(), 'serving-lance-'));
  const closing: { close(): Promise<unknown> }[] = [];
  let oldConfig: SearchConfig;
  let newConfig: SearchConfig;

  beforeAll(() => {
    const common = { ...process.env, LANCE_DIR: lanceDir, OPENSEARCH_URL: '', SEARCH_ALIAS_CHECK_MS: '100' };
    oldConfig = loadConfig(configSchema, { ...common, OLLAMA_HOST: '', OFFLINE_EMBEDDER: 'sif' });
    newConfig = loadConfig(configSchema, {
      ...common,
      OLLAMA_HOST: ollama().url,
      OLLAMA_EMBED_MODEL: 'embed-b',
      OLLAMA_EMBED_DIMENSIONS: '8',
    });
  });
  afterAll(async () => {
    await Promise.all(closing.map((closable) => closable.close()));
    rmSync(lanceDir, { recursive: true, force: true });
  });

  /** An index of the embedder `config` makes, holding one document, embedded by that embedder. */
  async function filled(config: SearchConfig, documentId: string): Promise<{ index: SearchIndex; embedder: Embedder }> {
    const embedder = await createEmbedder(config);
    const index = await createSearchIndex(config, embedder, logger, { writer: true });
    closing.push(index, embedder);
    const [vector] = await embedder.embed(['quarterly pension contributions']);
    await index.upsertDocumentChunks(tenantId, documentId, [
      {
        chunkId: `${documentId}:0`,
        tenantId,
        documentId,
        ordinal: 0,
        page: 1,
        text: 'quarterly pension contributions',
        vector,
        documentType: 'letter',
        tags: [],
        fileName: `${documentId}.txt`,
        createdAt: '2024-05-01T08:00:00.000Z',
        pipeline: { extractor: 'x@1', chunker: 'c@1', embedder: `${embedder.name}@${embedder.version}` },
      },
    ]);
    return { index, embedder };
  }

  it('reads the index the alias names with the embedder recorded for it, and follows the alias when it switches', async () => {
    const old = await filled(oldConfig, 'in-old-index');
    const fresh = await filled(newConfig, 'in-new-index');
    const alias = await createIndexAlias(oldConfig);
    closing.push(alias);
    const record = (embedder: Embedder, config: SearchConfig) => ({
      name: embedder.name,
      version: embedder.version,
      dimensions: embedder.dimensions,
      settings: embedderSettingsOf(config),
    });
    await alias.switchTo({ indexName: old.index.indexName, embedder: record(old.embedder, oldConfig) });

    const serving = await ServingIndex.open(newConfig, logger);
    closing.push(serving);
    const before = serving.current();
    expect(before.index.indexName).toBe(old.index.indexName);
    expect(before.embedder).toMatchObject({ name: old.embedder.name, dimensions: 100 });
    const query = await before.embedder.embedQuery('pension contributions');
    expect((await before.index.vector(query, { tenantId }, 1))[0].documentId).toBe('in-old-index');

    await alias.switchTo({ indexName: fresh.index.indexName, embedder: record(fresh.embedder, newConfig) });
    await serving.follow();

    const after = serving.current();
    expect(after.index.indexName).toBe(fresh.index.indexName);
    expect(after.embedder).toMatchObject({ name: 'ollama/embed-b', dimensions: 8 });
    const newQuery = await after.embedder.embedQuery('quarterly pension contributions');
    expect((await after.index.vector(newQuery, { tenantId }, 1))[0].documentId).toBe('in-new-index');
  });

  it('refuses to serve an index an Ollama model made when OLLAMA_HOST is gone, saying to keep it until the switch', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'serving-lance-'));
    const config = { ...oldConfig, LANCE_DIR: directory };
    const alias = await createIndexAlias(config);
    await alias.switchTo({
      indexName: 'chunks_ollama_embed_b_00000000',
      embedder: {
        name: 'ollama/embed-b',
        version: 'latest',
        dimensions: 8,
        settings: { engine: 'ollama', model: 'embed-b', dimensions: 8 },
      },
    });
    await alias.close();
    await expect(ServingIndex.open(config, logger)).rejects.toThrow(/keep OLLAMA_HOST set until re-embedding has switched the alias/);
    rmSync(directory, { recursive: true, force: true });
  });
});
