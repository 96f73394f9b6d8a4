import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EventsModule, stageWorkerProviders } from '@docpipe/events';
import { PlatformModule, ReadinessChecks, type Logger } from '@docpipe/platform';
import { ObjectStore, StorageModule } from '@docpipe/storage';
import { INDEXING_CONFIG, type IndexingConfig } from './config';
import { IndexDocumentHandler } from './index-document.handler';
import { IndexingService } from './indexing.service';
import { IndexTargets } from './index-targets';
import { INDEX_TARGETS } from './providers';
import { ReadIndexStatusHandler } from './read-index-status.handler';
import { ReembeddingService } from './reembedding.service';
import { RemoveFromIndexHandler } from './remove-from-index.handler';
import { RetypeChunksHandler } from './retype-chunks.handler';

@Module({})
export class IndexingModule implements OnApplicationShutdown {
  constructor(
    @Inject(INDEX_TARGETS) private readonly targets: IndexTargets,
    @Inject(ReembeddingService) private readonly reembedding: ReembeddingService,
  ) {}

  static register(config: IndexingConfig, logger: Logger): DynamicModule {
    return {
      module: IndexingModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        EventsModule.forRoot({
          service: 'indexing',
          url: config.RABBITMQ_URL,
          declare: config.RABBITMQ_DECLARE,
          prefetch: config.INDEXING_CONCURRENCY,
        }),
        StorageModule.forRoot(config),
      ],
      providers: [
        { provide: INDEXING_CONFIG, useValue: config },
        {
          provide: INDEX_TARGETS,
          inject: [ReadinessChecks],
          useFactory: async (readiness: ReadinessChecks) => {
            const targets = await IndexTargets.open(config, logger);
            readiness.register('search-index', async () => void (await targets.own.index.stats()));
            return targets;
          },
        },
        ...stageWorkerProviders(ObjectStore),
        IndexingService,
        IndexDocumentHandler,
        RemoveFromIndexHandler,
        RetypeChunksHandler,
        ReembeddingService,
        ReadIndexStatusHandler,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // A re-embedding pass stops between documents before its indexes close.
    await this.reembedding.onApplicationShutdown();
    // The embedder's worker threads would otherwise keep the process alive after the broker closed.
    await this.targets.close();
  }
}
