import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { HealthController, ReadinessChecks } from './health';

export const LOGGER = Symbol('docpipe:logger');

/** Logger and health endpoints, the same in every service. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: { logger: Logger }): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController],
      providers: [{ provide: LOGGER, useValue: options.logger }, ReadinessChecks],
      exports: [LOGGER, ReadinessChecks],
    };
  }
}
