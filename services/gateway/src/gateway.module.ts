import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { apiKeyFeedProviders, EventsModule, KeyUse } from '@docpipe/events';
import {
  ApiKeys,
  Authenticator,
  AuthFailures,
  LimiterStore,
  LOGGER,
  OidcTokens,
  PlatformModule,
  RuntimeApiKeys,
  type Logger,
} from '@docpipe/platform';
import { StorageModule } from '@docpipe/storage';
import { ApiKeysController } from './admin/api-keys.controller';
import { AuditController } from './admin/audit.controller';
import { DeadLettersController } from './admin/dead-letters.controller';
import { PipelineController } from './admin/pipeline.controller';
import { QueueArrivals } from './admin/queue-arrivals';
import { QueueDepthMetrics } from './admin/queue-depth.metrics';
import { QueueHistory } from './admin/queue-history';
import { AdminGuard } from './auth/admin.guard';
import { CallerGuard } from './auth/caller.guard';
import { TenantAdminGuard } from './auth/tenant-admin.guard';
import { Admission } from './auth/admission';
import { TenantGuard } from './auth/tenant.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { CorrelationMiddleware } from './correlation.middleware';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { HttpErrorFilter } from './errors/http-error.filter';
import { SearchController } from './search/search.controller';
import { MeController } from './session/me.controller';
import { AskController } from './search/ask.controller';
import { AuditTrail } from './security/audit-trail';
import { RequestRate } from './security/request-rate';
import { UploadsController } from './uploads/uploads.controller';
import { UploadsService } from './uploads/uploads.service';
import { WebhooksController } from './webhooks/webhooks.controller';

/** Constructor parameters name their tokens with @Inject: under tsx (dev, tests) no decorator metadata is emitted. */
@Module({})
export class GatewayModule implements NestModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        EventsModule.forRoot({
          service: 'gateway',
          url: config.RABBITMQ_URL,
          declare: config.RABBITMQ_DECLARE,
          requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
        }),
        StorageModule.forRoot(config),
      ],
      // Uploads first: its POST and the documents' routes share a path.
      controllers: [
        UploadsController,
        MeController,
        DocumentsController,
        SearchController,
        AskController,
        DeadLettersController,
        PipelineController,
        ApiKeysController,
        AuditController,
        WebhooksController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        {
          provide: Authenticator,
          useFactory: (logger: Logger, runtimeKeys: RuntimeApiKeys) =>
            new Authenticator(
              [new ApiKeys(config.API_KEYS, logger), new ApiKeys(config.ADMIN_API_KEYS, logger, ['admin']), runtimeKeys],
              OidcTokens.from(config),
            ),
          inject: [LOGGER, RuntimeApiKeys],
        },
        ...apiKeyFeedProviders(config.API_KEYS_REFRESH_MS),
        {
          provide: LimiterStore,
          useFactory: (logger: Logger) => LimiterStore.open(config.RATE_LIMIT_DATABASE_URL, logger),
          inject: [LOGGER],
        },
        {
          provide: RequestRate,
          useFactory: (store: LimiterStore) => new RequestRate(store, config.RATE_LIMIT_PER_MINUTE),
          inject: [LimiterStore],
        },
        {
          provide: AuthFailures,
          useFactory: (store: LimiterStore) => new AuthFailures(store, config.AUTH_FAILURES_PER_MINUTE),
          inject: [LimiterStore],
        },
        KeyUse,
        AuditTrail,
        Admission,
        TenantGuard,
        AdminGuard,
        TenantAdminGuard,
        CallerGuard,
        QueueDepthMetrics,
        QueueArrivals,
        QueueHistory,
        DocumentsService,
        UploadsService,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware).forRoutes('*');
  }
}
