import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventsModule } from '@docpipe/events';
import { ApiKeys, LOGGER, PlatformModule, type Logger } from '@docpipe/platform';
import { StorageModule } from '@docpipe/storage';
import { ApiKeyGuard } from './auth/api-key.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { CorrelationMiddleware } from './correlation.middleware';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { HttpErrorFilter } from './errors/http-error.filter';
import { SearchController } from './search/search.controller';
import { UploadsController } from './uploads/uploads.controller';
import { UploadsService } from './uploads/uploads.service';

/** Constructor parameters name their tokens with @Inject: under tsx (dev, tests) no decorator metadata is emitted. */
@Module({})
export class GatewayModule implements NestModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        EventsModule.forRoot({ service: 'gateway', url: config.RABBITMQ_URL, requestTimeoutMs: config.REQUEST_TIMEOUT_MS }),
        StorageModule.forRoot(config),
      ],
      // Uploads first: its POST and the documents' routes share a path.
      controllers: [UploadsController, DocumentsController, SearchController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: ApiKeys, useFactory: (logger: Logger) => new ApiKeys(config.API_KEYS, logger), inject: [LOGGER] },
        ApiKeyGuard,
        DocumentsService,
        UploadsService,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware).forRoutes('*');
  }
}
