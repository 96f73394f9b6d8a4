import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createEmbedder, type Embedder } from '@docpipe/embeddings';
import { EventsModule, stageWorkerProviders } from '@docpipe/events';
import { LOGGER, PlatformModule, ReadinessChecks, type Logger } from '@docpipe/platform';
import { createSearchIndex, type SearchIndex } from '@docpipe/search-index';
import { ObjectStore, StorageModule } from '@docpipe/storage';
import { INDEXING_CONFIG, type IndexingConfig } from './config';
import { IndexDocumentHandler } from './index-document.handler';
import { IndexingService } from './indexing.service';
import { EMBEDDER, SEARCH_INDEX } from './providers';
import { RemoveFromIndexHandler } from './remove-from-index.handler';
import { RetypeChunksHandler } from './retype-chunks.handler';

@Module({})
export class IndexingModule implements OnApplicationShutdown {
  constructor(
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    @Inject(EMBEDDER) private readonly embedder: Embedder,
  ) {}

  static register(config: IndexingConfig, logger: Logger): DynamicModule {
    return {
      module: IndexingModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        EventsModule.forRoot({ service: 'indexing', url: config.RABBITMQ_URL, declare: config.RABBITMQ_DECLARE }),
        StorageModule.forRoot(config),
      ],
      providers: [
        { provide: INDEXING_CONFIG, useValue: config },
        { provide: EMBEDDER, useFactory: () => createEmbedder(config, logger) },
        {
          provide: SEARCH_INDEX,
          inject: [EMBEDDER, LOGGER, ReadinessChecks],
          useFactory: async (embedder: Embedder, log: Logger, readiness: ReadinessChecks) => {
            const index = await createSearchIndex(config, embedder, log, { writer: true });
            readiness.register('search-index', async () => void (await index.stats()));
            return index;
          },
        },
        ...stageWorkerProviders(ObjectStore),
        IndexingService,
        IndexDocumentHandler,
        RemoveFromIndexHandler,
        RetypeChunksHandler,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // The embedder's worker threads would otherwise keep the process alive after the broker closed.
    await Promise.all([this.index.close(), this.embedder.close()]);
  }
}
