import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EventsModule } from '@docpipe/events';
import { PlatformModule, ReadinessChecks, type Logger } from '@docpipe/platform';
import { SEARCH_CONFIG, type SearchConfig } from './config';
import { FindSimilarDocumentsHandler } from './find-similar-documents.handler';
import { OllamaReranker } from './ollama-reranker';
import type { OllamaAnswerSettings } from './adapters/ollama.answerer';
import { ANSWER_WEIGHTS, OLLAMA_ANSWERS, OLLAMA_RERANKER, RERANK_WEIGHTS, SERVING_INDEX } from './providers';
import { LEARNED_RERANK_WEIGHTS } from './rerank-weights';
import { SearchDocumentsHandler } from './search-documents.handler';
import { AskQuestionHandler } from './ask-question.handler';
import { AskService } from './ask.service';
import { LEARNED_ANSWER_WEIGHTS } from './answers/answer-weights';
import { SearchService } from './search.service';
import { ServingIndex } from './serving-index';

@Module({})
export class SearchModule implements OnApplicationShutdown {
  constructor(@Inject(SERVING_INDEX) private readonly serving: ServingIndex) {}

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
        { provide: ANSWER_WEIGHTS, useValue: LEARNED_ANSWER_WEIGHTS },
        { provide: OLLAMA_ANSWERS, useValue: ollamaAnswers(config) },
        { provide: OLLAMA_RERANKER, useFactory: () => ollamaReranker(config, logger) },
        {
          provide: SERVING_INDEX,
          inject: [ReadinessChecks],
          // The alias names the index indexing filled, and the embedder its queries need.
          useFactory: async (readiness: ReadinessChecks) => {
            const serving = await ServingIndex.open(config, logger);
            readiness.register('search-index', async () => void (await serving.current().index.stats()));
            return serving;
          },
        },
        SearchService,
        SearchDocumentsHandler,
        FindSimilarDocumentsHandler,
        AskService,
        AskQuestionHandler,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // The embedder's worker threads would otherwise keep the process alive after the broker closed.
    await this.serving.close();
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

// Passage characters in the answering prompt: a whole chunk (the indexing service's default size).
const ANSWER_PASSAGE_CHARS = 1200;

function ollamaAnswers(config: SearchConfig): OllamaAnswerSettings | null {
  if (!config.OLLAMA_HOST || !config.ASK_OLLAMA) return null;
  return {
    host: config.OLLAMA_HOST,
    model: config.OLLAMA_MODEL,
    maxChars: ANSWER_PASSAGE_CHARS,
    timeoutMs: config.ASK_OLLAMA_TIMEOUT_MS,
    keepAlive: config.OLLAMA_KEEP_ALIVE,
  };
}
