import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createEmbedder, type Embedder } from '@docpipe/embeddings';
import { EventsModule } from '@docpipe/events';
import { LOGGER, PlatformModule, ReadinessChecks, type Logger } from '@docpipe/platform';
import { createSearchIndex, type SearchIndex } from '@docpipe/search-index';
import { SEARCH_CONFIG, type SearchConfig } from './config';
import { FindSimilarDocumentsHandler } from './find-similar-documents.handler';
import { OllamaReranker } from './ollama-reranker';
import { EMBEDDER, OLLAMA_RERANKER, RERANK_WEIGHTS, SEARCH_INDEX } from './providers';
import { LEARNED_RERANK_WEIGHTS } from './rerank-weights';
import { SearchDocumentsHandler } from './search-documents.handler';
import { SearchService } from './search.service';

@Module({})
export class SearchModule implements OnApplicationShutdown {
  constructor(
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    @Inject(EMBEDDER) private readonly embedder: Embedder,
  ) {}

  static register(config: SearchConfig, logger: Logger): DynamicModule {
    return {
      module: SearchModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        EventsModule.forRoot({ service: 'search', url: config.RABBITMQ_URL, declare: config.RABBITMQ_DECLARE }),
      ],
      providers: [
        { provide: SEARCH_CONFIG, useValue: config },
        { provide: RERANK_WEIGHTS, useValue: LEARNED_RERANK_WEIGHTS },
        { provide: OLLAMA_RERANKER, useFactory: () => ollamaReranker(config, logger) },
        { provide: EMBEDDER, useFactory: () => createEmbedder(config, logger) },
        {
          provide: SEARCH_INDEX,
          inject: [EMBEDDER, LOGGER, ReadinessChecks],
          // The same embedder as indexing names the same index, so search reads what indexing wrote.
          useFactory: async (embedder: Embedder, log: Logger, readiness: ReadinessChecks) => {
            const index = await createSearchIndex(config, embedder, log, { writer: false });
            readiness.register('search-index', async () => void (await index.stats()));
            return index;
          },
        },
        SearchService,
        SearchDocumentsHandler,
        FindSimilarDocumentsHandler,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // The embedder's worker threads would otherwise keep the process alive after the broker closed.
    await Promise.all([this.index.close(), this.embedder.close()]);
  }
}

// Passage characters in the reranking prompt: 20 passages of 600 fit an 8k context with the instructions.
const RERANK_PASSAGE_CHARS = 600;

function ollamaReranker(config: SearchConfig, logger: Logger): OllamaReranker | null {
  if (!config.OLLAMA_HOST || config.SEARCH_OLLAMA_RERANK_TOP === 0) return null;
  return new OllamaReranker(
    {
      host: config.OLLAMA_HOST,
      model: config.OLLAMA_MODEL,
      top: config.SEARCH_OLLAMA_RERANK_TOP,
      maxChars: RERANK_PASSAGE_CHARS,
      timeoutMs: config.OLLAMA_RERANK_TIMEOUT_MS,
      keepAlive: config.OLLAMA_KEEP_ALIVE,
    },
    logger,
  );
}
