import { configForSettings, createEmbedder, type Embedder } from '@docpipe/embeddings';
import { errorMessage, type Logger } from '@docpipe/platform';
import {
  createIndexAlias,
  createSearchIndex,
  type AliasTarget,
  type HybridFusion,
  type IndexAlias,
  type SearchIndex,
} from '@docpipe/search-index';
import type { SearchConfig } from './config';

/** An index and the embedder its vectors came from: queries against it must be embedded by that embedder. */
export interface ServedIndex {
  embedder: Embedder;
  index: SearchIndex;
}

/** What a search reads: taken once per query, so one query never mixes two indexes or embedders. */
export interface ServingSource {
  current(): ServedIndex;
}

// A query that took the previous index just before a switch finishes on it; then it is closed.
const CLOSE_AFTER_SWITCH_MS = 30_000;

/**
 * The index the alias names, with the embedder recorded for it, whatever this process's own embedder settings say:
 * after an embedder change, searches keep reading the old index with the old embedder until indexing has re-embedded
 * every document and switched the alias. A timer follows the alias; the switch replaces index and embedder together.
 */
export class ServingIndex implements ServingSource {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | null = null;
  private readonly retired = new Set<Promise<void>>();

  private constructor(
    private served: ServedIndex,
    private readonly alias: IndexAlias,
    private readonly config: SearchConfig,
    private readonly logger: Logger,
  ) {}

  static async open(config: SearchConfig, logger: Logger): Promise<ServingIndex> {
    const alias = await createIndexAlias(config);
    let served: ServedIndex;
    try {
      served = await openServed(config, await alias.read(), logger);
    } catch (error) {
      await alias.close();
      throw error;
    }
    const serving = new ServingIndex(served, alias, config, logger);
    serving.timer = setInterval(() => void serving.follow(), config.SEARCH_ALIAS_CHECK_MS);
    serving.timer.unref();
    return serving;
  }

  current(): ServedIndex {
    return this.served;
  }

  /** Reads the alias; when it names another index, opens that one with its embedder and serves it from the next query. */
  follow(): Promise<void> {
    this.checking ??= this.switchIfMoved().finally(() => (this.checking = null));
    return this.checking;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
    await Promise.all([...this.retired, closeServed(this.served), this.alias.close()]);
  }

  private async switchIfMoved(): Promise<void> {
    try {
      const target = await this.alias.read();
      if (!target || target.indexName === this.served.index.indexName) return;
      const next = await openServed(this.config, target, this.logger);
      const previous = this.served;
      this.served = next;
      this.logger.info(
        { event: 'search.index-switched', from: previous.index.indexName, to: next.index.indexName },
        'searching the index the alias names now',
      );
      const closing = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_AFTER_SWITCH_MS).unref())
        .then(() => closeServed(previous))
        .finally(() => this.retired.delete(closing));
      this.retired.add(closing);
    } catch (error) {
      this.logger.warn(
        { event: 'search.alias-check-failed', reason: errorMessage(error) },
        'could not follow the index alias; trying again',
      );
    }
  }
}

/** The alias's index with its recorded embedder; this process's own when there is no alias or no record yet. */
async function openServed(config: SearchConfig, target: AliasTarget | null, logger: Logger): Promise<ServedIndex> {
  const settings = target?.embedder?.settings;
  const embedder = await createEmbedder(settings ? configForSettings(config, settings) : config, logger);
  try {
    const index = await createSearchIndex(config, embedder, logger, { writer: false, ...nativeSearchOf(config) });
    return { embedder, index };
  } catch (error) {
    await embedder.close();
    throw error;
  }
}

/** The engine's own search, fused the way SEARCH_FUSION fuses in the app, when OPENSEARCH_NATIVE_SEARCH asks for it. */
function nativeSearchOf(config: SearchConfig): { nativeSearch?: HybridFusion } {
  if (!config.OPENSEARCH_NATIVE_SEARCH) return {};
  if (config.SEARCH_FUSION === 'rrf') return { nativeSearch: { technique: 'rrf', rankConstant: config.RRF_K } };
  return { nativeSearch: { technique: 'min_max', keywordWeight: config.SEARCH_KEYWORD_WEIGHT } };
}

async function closeServed(served: ServedIndex): Promise<void> {
  await Promise.all([served.index.close(), served.embedder.close()]);
}
