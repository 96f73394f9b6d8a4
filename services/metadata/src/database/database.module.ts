import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LOGGER, ReadinessChecks, type Logger } from '@docpipe/platform';
import { createDataSource } from './data-source';
import { runMigrations } from './migrate';

@Injectable()
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Runs after the event consumers drained (beforeApplicationShutdown), so no handler loses its connection. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    await this.dataSource.destroy();
    this.logger.info({ event: 'database.closed' }, 'closed the PostgreSQL pool');
  }
}

/** The PostgreSQL pool, migrated before anything consumes events or answers requests. */
@Module({})
export class DatabaseModule {
  static forRoot(options: { url: string; poolSize: number }): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          inject: [LOGGER, ReadinessChecks],
          useFactory: async (logger: Logger, readiness: ReadinessChecks) => {
            const dataSource = createDataSource(options);
            await dataSource.initialize();
            try {
              await runMigrations(dataSource, logger);
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            readiness.register('postgres', async () => {
              await dataSource.query('SELECT 1');
            });
            return dataSource;
          },
        },
        DatabaseShutdown,
      ],
      exports: [DataSource],
    };
  }
}
