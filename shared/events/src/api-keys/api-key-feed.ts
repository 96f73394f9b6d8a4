import { ApiKeyIssued, ApiKeyRevoked, ListActiveApiKeys } from '@docpipe/contracts';
import { errorMessage, type Logger, type RuntimeApiKeys } from '@docpipe/platform';
import type { BrokerConnection } from '../connection';
import { LiveSubscription } from '../live-subscription';
import type { RpcClient } from '../rpc-client';

export interface ApiKeyFeedOptions {
  /** How often the whole active list is asked for again: it bounds what a missed event (a reconnect) can cost. */
  refreshMs: number;
  logger: Logger;
}

/**
 * Keeps an instance's RuntimeApiKeys current: metadata's api-key events on the instance's own live queue take
 * effect within a moment on every gateway and notification instance; the active list asked for at start and
 * every `refreshMs` covers what was published while the instance was down or disconnected. Starting never
 * waits for metadata: keys from the environment work at once, run-time keys once the first list arrives.
 */
export class ApiKeyFeed {
  private readonly subscription: LiveSubscription<typeof ApiKeyIssued | typeof ApiKeyRevoked>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private loaded = false;

  constructor(
    connection: BrokerConnection,
    private readonly rpc: RpcClient,
    private readonly keys: RuntimeApiKeys,
    private readonly options: ApiKeyFeedOptions,
  ) {
    this.subscription = new LiveSubscription(
      connection,
      [ApiKeyIssued, ApiKeyRevoked],
      async ({ tenantId, payload }) => {
        if ('scopes' in payload) this.keys.issued({ ...payload, tenantId });
        else this.keys.revoked(payload.keyId, payload.sha256);
      },
      { logger: options.logger },
    );
  }

  /** Before the connection starts, so the live queue is bound before the first list is asked for. */
  async start(): Promise<void> {
    await this.subscription.start();
  }

  /** Once the service is up (its request client connected): asks for the active list now and every `refreshMs`. */
  load(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.subscription.stop();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.refresh(), delayMs);
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    const askedAt = Date.now();
    try {
      const { items } = await this.rpc.call(ListActiveApiKeys, {});
      this.keys.replaceAll(items, askedAt);
      if (!this.loaded) this.options.logger.info({ event: 'api-keys.loaded', keys: items.length }, 'run-time API keys loaded');
      this.loaded = true;
      this.schedule(this.options.refreshMs);
    } catch (error) {
      // Until metadata answers, only the configured keys work; try again soon rather than at the next refresh.
      this.options.logger.warn({ event: 'api-keys.load_failed', reason: errorMessage(error) }, 'run-time API keys not loaded; retrying');
      this.schedule(Math.min(this.options.refreshMs, 2_000));
    }
  }
}
