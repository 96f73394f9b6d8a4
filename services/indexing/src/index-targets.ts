import { configForSettings, createEmbedder, embedderSettingsOf, type Embedder } from '@docpipe/embeddings';
import { AppError, type Logger } from '@docpipe/platform';
import { createIndexAlias, createSearchIndex, type EmbedderRecord, type IndexAlias, type SearchIndex } from '@docpipe/search-index';
import type { IndexingConfig } from './config';

/** An index and the embedder its vectors come from: a document written there is embedded by that embedder. */
export interface IndexTarget {
  embedder: Embedder;
  index: SearchIndex;
  record: EmbedderRecord;
}

/**
 * Where indexing writes. Normally one index: the configured embedder's, which the alias names. After an embedder
 * change the alias still names the old index, which searches keep reading: until re-embedding has filled the new
 * index and switched the alias, every document is written to both, each embedded by its own index's embedder.
 */
export class IndexTargets {
  private constructor(
    readonly own: IndexTarget,
    private served: IndexTarget | null,
    readonly alias: IndexAlias,
    private readonly logger: Logger,
  ) {}

  static async open(config: IndexingConfig, logger: Logger): Promise<IndexTargets> {
    const own = await openTarget(config, logger);
    const alias = await createIndexAlias(config);
    const current = await alias.read();
    if (current?.indexName === own.index.indexName && current.embedder) return new IndexTargets(own, null, alias, logger);
    if (!current || current.indexName === own.index.indexName || !current.embedder) {
      // First start, or an index aliased before embedders were recorded: with no way to embed its queries, it is replaced now.
      if (current && current.indexName !== own.index.indexName) {
        logger.warn(
          { from: current.indexName, to: own.index.indexName },
          'the aliased index has no embedder record: switching the alias at once',
        );
      }
      await alias.switchTo({ indexName: own.index.indexName, embedder: own.record });
      return new IndexTargets(own, null, alias, logger);
    }
    const served = await openTarget(configForSettings(config, current.embedder.settings), logger);
    if (served.index.indexName !== current.indexName) {
      await Promise.all([served.index.close(), served.embedder.close(), own.index.close(), own.embedder.close(), alias.close()]);
      throw new AppError(
        'search_index_mismatch',
        `The alias names ${current.indexName}, but its recorded embedder opens ${served.index.indexName}: the index prefix changed; restore it or re-index`,
      );
    }
    logger.info(
      { from: current.indexName, to: own.index.indexName },
      'embedder changed: writing both indexes until re-embedding switches the alias',
    );
    return new IndexTargets(own, served, alias, logger);
  }

  /** The index searches read while a re-embedding runs; null when the alias names this embedder's own index. */
  get previous(): IndexTarget | null {
    return this.served;
  }

  /** Every index a document goes to: the own one first, the one searches read too while re-embedding. */
  all(): IndexTarget[] {
    return this.served ? [this.own, this.served] : [this.own];
  }

  /** Points every reader at the own index in one step; the old index stays on disk (for a rollback) but gets no more writes. */
  async switchAlias(): Promise<void> {
    const served = this.served;
    if (!served) return;
    await this.alias.switchTo({ indexName: this.own.index.indexName, embedder: this.own.record });
    this.served = null;
    this.logger.info({ from: served.index.indexName, to: this.own.index.indexName }, 'alias switched to the re-embedded index');
    await Promise.all([served.index.close(), served.embedder.close()]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.all().flatMap((target) => [target.index.close(), target.embedder.close()]), this.alias.close()]);
  }
}

async function openTarget(config: IndexingConfig, logger: Logger): Promise<IndexTarget> {
  const embedder = await createEmbedder(config, logger);
  const record = { name: embedder.name, version: embedder.version, dimensions: embedder.dimensions, settings: embedderSettingsOf(config) };
  try {
    const index = await createSearchIndex(config, embedder, logger, { writer: true });
    return { embedder, index, record };
  } catch (error) {
    await embedder.close();
    throw error;
  }
}
