import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { BrokerConnection, LiveSubscription, RpcClient } from '@docpipe/events';
import { ListActiveWebhooks, WebhookDisabled, WebhookRegistered, WebhookRemoved, type Envelope } from '@docpipe/contracts';
import { errorMessage, LOGGER, type Logger } from '@docpipe/platform';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../config';
import { WebhookEndpoints } from './webhook-endpoints';

type EndpointEvent = typeof WebhookRegistered | typeof WebhookRemoved | typeof WebhookDisabled;

/**
 * Keeps WebhookEndpoints current as ApiKeyFeed keeps keys: the webhook events on this instance's own live queue, and
 * metadata's active list at start and every WEBHOOKS_REFRESH_MS for what was published while it was away.
 */
@Injectable()
export class WebhookEndpointFeed implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscription: LiveSubscription<EndpointEvent>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private markLoaded!: () => void;
  /** Resolves once the first snapshot arrived: until then no event can be matched to its endpoints. */
  readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));

  constructor(
    @Inject(BrokerConnection) connection: BrokerConnection,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(WebhookEndpoints) private readonly endpoints: WebhookEndpoints,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.subscription = new LiveSubscription(
      connection,
      [WebhookRegistered, WebhookRemoved, WebhookDisabled],
      (event) => this.apply(event),
      {
        logger,
      },
    );
  }

  /** Bound before the connection starts, so no event published after the first snapshot is missed. */
  async onModuleInit(): Promise<void> {
    await this.subscription.start();
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.subscription.stop();
  }

  private async apply(event: Envelope<EndpointEvent>): Promise<void> {
    if (event.type === WebhookRegistered.type) {
      const { endpointId, url, eventTypes, secret } = (event as Envelope<typeof WebhookRegistered>).payload;
      this.endpoints.registered({ endpointId, tenantId: event.tenantId, url, eventTypes, secret });
      return;
    }
    const { endpointId } = (event as Envelope<typeof WebhookRemoved>).payload;
    if (event.type === WebhookDisabled.type) this.endpoints.disabled(endpointId);
    else this.endpoints.removed(endpointId);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.refresh(), delayMs);
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    const askedAt = Date.now();
    try {
      const { items } = await this.rpc.call(ListActiveWebhooks, {});
      this.endpoints.replaceAll(items, askedAt);
      this.markLoaded();
      this.logger.debug({ event: 'webhooks.loaded', endpoints: items.length }, 'webhook endpoints loaded');
      this.schedule(this.config.WEBHOOKS_REFRESH_MS);
    } catch (error) {
      this.logger.warn({ event: 'webhooks.load_failed', reason: errorMessage(error) }, 'webhook endpoints not loaded; retrying');
      this.schedule(Math.min(this.config.WEBHOOKS_REFRESH_MS, 2_000));
    }
  }
}
