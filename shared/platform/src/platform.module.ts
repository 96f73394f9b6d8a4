import { Global, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { HealthController, ReadinessChecks } from './health';
import { MetricsController, MetricsRegistry } from './metrics';
import { stopTracing } from './tracing';

export const LOGGER = Symbol('docpipe:logger');

/** Consumers and request handlers drain in beforeApplicationShutdown, before this hook: their spans are in this last export. */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

/** Logger, health and metrics endpoints, the same in every service. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: { logger: Logger }): DynamicModule {
    const service = String(options.logger.bindings().service ?? 'unknown');
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: LOGGER, useValue: options.logger },
        ReadinessChecks,
        { provide: MetricsRegistry, useValue: new MetricsRegistry(service) },
        TracingShutdown,
      ],
      exports: [LOGGER, ReadinessChecks, MetricsRegistry],
    };
  }
}
