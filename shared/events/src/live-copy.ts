import type { EventContract, Envelope, RequestContract, RequestOf, ResponseOf } from '@docpipe/contracts';
import { errorMessage, type Logger } from '@docpipe/platform';
import type { BrokerConnection } from './connection';
import { LiveSubscription } from './live-subscription';
import type { RpcClient } from './rpc-client';

export interface LiveCopyOptions<E extends EventContract, R extends RequestContract> {
  /** What is copied, as log events name it: `api-keys` logs `api-keys.loaded` and `api-keys.load_failed`. */
  name: string;
  /** The events that change the copy, and how each one does. */
  events: readonly E[];
  apply: (event: Envelope<E>) => void | Promise<void>;
  /** The request that lists every active item, and how its answer replaces the copy (`askedAt`: when it was asked). */
  list: R;
  request: RequestOf<R>;
  replaceAll: (answer: ResponseOf<R>, askedAt: number) => void;
  /** How often the whole list is asked for again: it bounds what a missed event (a reconnect) can cost. */
  refreshMs: number;
  logger: Logger;
}

/**
 * An instance's own live copy of what another service owns (API keys, webhook endpoints): its events on the
 * instance's live queue take effect within a moment, and the whole list asked for at start and every `refreshMs`
 * covers what was published while the instance was down or disconnected. Starting never waits for the owner.
 */
export class LiveCopy<E extends EventContract, R extends RequestContract> {
  private readonly subscription: LiveSubscription<E>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private everLoaded = false;
  private markLoaded!: () => void;
  /** Resolves once the first list arrived: until then the copy holds only what events brought. */
  readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));

  constructor(
    connection: BrokerConnection,
    private readonly rpc: RpcClient,
    private readonly options: LiveCopyOptions<E, R>,
  ) {
    this.subscription = new LiveSubscription(connection, options.events, async (event) => options.apply(event), { logger: options.logger });
  }

  /** Before the connection starts, so the live queue is bound before the first list is asked for. */
  async start(): Promise<void> {
    await this.subscription.start();
  }

  /** Once the service is up (its request client connected): asks for the list now and every `refreshMs`. */
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
    const { name, logger, refreshMs } = this.options;
    const askedAt = Date.now();
    try {
      this.options.replaceAll(await this.rpc.call(this.options.list, this.options.request), askedAt);
      if (!this.everLoaded) logger.info({ event: `${name}.loaded` }, `${name} loaded`);
      this.everLoaded = true;
      this.markLoaded();
      this.schedule(refreshMs);
    } catch (error) {
      // Until the owner answers, the copy holds what it had; try again soon rather than at the next refresh.
      logger.warn({ event: `${name}.load_failed`, reason: errorMessage(error) }, `${name} not loaded; retrying`);
      this.schedule(Math.min(refreshMs, 2_000));
    }
  }
}
