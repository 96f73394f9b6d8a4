import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { errorMessage, LOGGER, type Logger } from '@docpipe/platform';
import type { DocumentKey } from '@docpipe/search-index';
import { INDEXING_CONFIG, type IndexingConfig } from './config';
import type { IndexTargets } from './index-targets';
import { IndexingService } from './indexing.service';
import { INDEX_TARGETS } from './providers';

/** Where a re-embedding stands: what the Pipeline page and the logs show. */
export interface ReembeddingProgress {
  state: 'idle' | 'reembedding' | 'switched';
  from: string | null;
  to: string;
  /** Documents in the index searches read, and how many of them the new index holds already. */
  documents: number;
  done: number;
  failed: number;
  lastError: string | null;
  startedAt: string | null;
  switchedAt: string | null;
}

/**
 * After an embedder change, copies every document of the index searches read into the new embedder's index,
 * re-embedded from its stored extraction, then switches the alias. It keeps no checkpoint: what remains is what the
 * old index holds and the new one does not (new documents are written to both meanwhile), so a restart resumes where
 * the last one stopped. A document that fails is retried on the next pass; the alias switches only once none remains.
 */
@Injectable()
export class ReembeddingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private running: Promise<void> | null = null;
  private stopping = false;
  private readonly state: ReembeddingProgress;

  constructor(
    @Inject(INDEX_TARGETS) private readonly targets: IndexTargets,
    @Inject(IndexingService) private readonly indexing: IndexingService,
    @Inject(INDEXING_CONFIG) private readonly config: IndexingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const from = targets.previous?.index.indexName ?? null;
    this.state = {
      state: from ? 'reembedding' : 'idle',
      from,
      to: targets.own.index.indexName,
      documents: 0,
      done: 0,
      failed: 0,
      lastError: null,
      startedAt: from ? new Date().toISOString() : null,
      switchedAt: null,
    };
  }

  progress(): ReembeddingProgress {
    return { ...this.state };
  }

  /** Runs in the background: the service consumes and indexes new documents meanwhile. */
  onApplicationBootstrap(): void {
    if (!this.targets.previous) return;
    this.running = this.run().catch((error: unknown) => {
      this.state.lastError = errorMessage(error);
      this.logger.error(
        { event: 'indexing.reembedding-stopped', reason: errorMessage(error) },
        're-embedding stopped; a restart resumes it',
      );
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Passes over what remains until nothing does, then switches the alias. */
  async run(): Promise<void> {
    while (!this.stopping) {
      const previous = this.targets.previous;
      if (!previous) return;
      const remaining = await this.remaining();
      if (remaining.length === 0) {
        await this.targets.switchAlias();
        Object.assign(this.state, { state: 'switched', switchedAt: new Date().toISOString() });
        this.logger.info({ event: 'indexing.reembedding-switched', ...this.state }, 're-embedding done: searches read the new index');
        return;
      }
      this.state.failed = 0;
      for (const key of remaining) {
        if (this.stopping) return;
        await this.copy(key, previous.index);
      }
      if (this.state.failed > 0) await new Promise((resolve) => setTimeout(resolve, this.config.REEMBED_RETRY_MS));
    }
  }

  /** Documents of the index searches read that the new index lacks; counts the rest as done. */
  private async remaining(): Promise<DocumentKey[]> {
    const previous = this.targets.previous;
    if (!previous) return [];
    const [served, copied] = await Promise.all([previous.index.documents(), this.targets.own.index.documents()]);
    const have = new Set(copied.map(keyOf));
    const remaining = served.filter((key) => !have.has(keyOf(key)));
    Object.assign(this.state, { documents: served.length, done: served.length - remaining.length });
    this.logger.info({ event: 'indexing.reembedding-progress', ...this.state }, 're-embedding pass');
    return remaining;
  }

  private async copy(key: DocumentKey, from: IndexTargets['own']['index']): Promise<void> {
    try {
      if (await this.indexing.reembed(key, from)) this.state.done++;
      else this.state.documents--;
    } catch (error) {
      this.state.failed++;
      this.state.lastError = `${key.documentId}: ${errorMessage(error)}`;
      this.logger.warn(
        { event: 'indexing.reembedding-failed', documentId: key.documentId, reason: errorMessage(error) },
        'could not re-embed a document; retried on the next pass',
      );
    }
  }
}

function keyOf(key: DocumentKey): string {
  return `${key.tenantId}\u0000${key.documentId}`;
}
