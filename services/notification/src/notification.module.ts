import { Module, type DynamicModule } from '@nestjs/common';
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
import { NOTIFICATION_CONFIG, type NotificationConfig } from './config';
import { PushTimelineEntryHandler } from './push-timeline-entry.handler';
import { SocketServer } from './sockets/socket.server';
import { SubscribeToDocumentHandler } from './subscribe-to-document.handler';
import { DeliverWebhookHandler } from './webhooks/deliver-webhook.handler';
import { FanOutWebhooksHandler } from './webhooks/fan-out-webhooks.handler';
import { WebhookDeliveries } from './webhooks/webhook-deliveries';
import { WebhookEndpointFeed } from './webhooks/webhook-endpoint-feed';
import { WebhookEndpoints } from './webhooks/webhook-endpoints';

@Module({})
export class NotificationModule {
  static register(config: NotificationConfig, logger: Logger): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        PlatformModule.forRoot({ logger }),
        EventsModule.forRoot({
          service: 'notification',
          url: config.RABBITMQ_URL,
          declare: config.RABBITMQ_DECLARE,
          requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
        }),
      ],
      providers: [
        { provide: NOTIFICATION_CONFIG, useValue: config },
        {
          provide: Authenticator,
          useFactory: (logger: Logger, runtimeKeys: RuntimeApiKeys) =>
            new Authenticator([new ApiKeys(config.API_KEYS, logger), runtimeKeys], OidcTokens.from(config)),
          inject: [LOGGER, RuntimeApiKeys],
        },
        ...apiKeyFeedProviders(config.API_KEYS_REFRESH_MS),
        {
          provide: LimiterStore,
          useFactory: (logger: Logger) => LimiterStore.open(config.RATE_LIMIT_DATABASE_URL, logger),
          inject: [LOGGER],
        },
        {
          provide: AuthFailures,
          useFactory: (store: LimiterStore) => new AuthFailures(store, config.AUTH_FAILURES_PER_MINUTE),
          inject: [LimiterStore],
        },
        KeyUse,
        SocketServer,
        SubscribeToDocumentHandler,
        PushTimelineEntryHandler,
        { provide: WebhookEndpoints, useValue: new WebhookEndpoints() },
        WebhookEndpointFeed,
        WebhookDeliveries,
        FanOutWebhooksHandler,
        DeliverWebhookHandler,
      ],
    };
  }
}
