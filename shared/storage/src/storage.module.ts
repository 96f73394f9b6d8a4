import { Global, Module, type DynamicModule, type OnModuleInit, Inject } from '@nestjs/common';
import { ReadinessChecks } from '@docpipe/platform';
import { ObjectStore } from './object-store';
import type { StorageConfig } from './storage.config';

/** Provides the ObjectStore; creates the bucket at start-up and reports the store in /health/ready. */
@Global()
@Module({})
export class StorageModule implements OnModuleInit {
  constructor(@Inject(ObjectStore) private readonly store: ObjectStore) {}

  static forRoot(config: StorageConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: ObjectStore,
          inject: [ReadinessChecks],
          useFactory: (readiness: ReadinessChecks) => {
            const store = new ObjectStore(config);
            readiness.register('object-store', () => store.check());
            return store;
          },
        },
      ],
      exports: [ObjectStore],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureBucket();
  }
}
