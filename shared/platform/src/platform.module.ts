import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { HealthController, ReadinessChecks } from './health';
import { MetricsController, MetricsRegistry } from './metrics';

export const LOGGER = Symbol('docpipe:logger');

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
      ],
      exports: [LOGGER, ReadinessChecks, MetricsRegistry],
    };
  }
}
