import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { BrokerConnection, LiveCopy, RpcClient } from '@docpipe/events';
import { ListActiveWebhooks, WebhookDisabled, WebhookRegistered, WebhookRemoved, type Envelope } from '@docpipe/contracts';
import { LOGGER, type Logger } from '@docpipe/platform';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../config';
import { WebhookEndpoints } from './webhook-endpoints';

type EndpointEvent = typeof WebhookRegistered | typeof WebhookRemoved | typeof WebhookDisabled;

/**
 * Keeps WebhookEndpoints a live copy of metadata's active endpoints (as the API keys are kept): the webhook events on
 * this instance's own live queue, and the active list at start and every WEBHOOKS_REFRESH_MS.
 */
@Injectable()
export class WebhookEndpointFeed implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly copy: LiveCopy<EndpointEvent, typeof ListActiveWebhooks>;

  constructor(
    @Inject(BrokerConnection) connection: BrokerConnection,
    @Inject(RpcClient) rpc: RpcClient,
    @Inject(WebhookEndpoints) private readonly endpoints: WebhookEndpoints,
    @Inject(NOTIFICATION_CONFIG) config: NotificationConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.copy = new LiveCopy(connection, rpc, {
      name: 'webhooks',
      events: [WebhookRegistered, WebhookRemoved, WebhookDisabled],
      apply: (event) => this.apply(event),
      list: ListActiveWebhooks,
      request: {},
      replaceAll: ({ items }, askedAt) => endpoints.replaceAll(items, askedAt),
      refreshMs: config.WEBHOOKS_REFRESH_MS,
      logger,
    });
  }

  /** Resolves once the first list arrived: until then no event can be matched to its endpoints. */
  get loaded(): Promise<void> {
    return this.copy.loaded;
  }

  /** Bound before the connection starts, so no event published after the first list is missed. */
  async onModuleInit(): Promise<void> {
    await this.copy.start();
  }

  onApplicationBootstrap(): void {
    this.copy.load();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.copy.stop();
  }

  private apply(event: Envelope<EndpointEvent>): void {
    if (event.type === WebhookRegistered.type) {
      const { endpointId, url, eventTypes, secret } = (event as Envelope<typeof WebhookRegistered>).payload;
      this.endpoints.registered({ endpointId, tenantId: event.tenantId, url, eventTypes, secret });
      return;
    }
    const { endpointId } = (event as Envelope<typeof WebhookRemoved>).payload;
    if (event.type === WebhookDisabled.type) this.endpoints.disabled(endpointId);
    else this.endpoints.removed(endpointId);
  }
}
