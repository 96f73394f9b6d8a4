import { connect, type Channel, type ChannelModel } from 'amqplib';
import { AppError, errorMessage, type Logger } from '@docpipe/platform';
import type { DeclareScope } from './topology';

export interface ReconnectPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface BrokerConnectionOptions {
  url: string;
  /** Shown as the connection name in the RabbitMQ console. */
  connectionName: string;
  logger: Logger;
  reconnect?: ReconnectPolicy;
  /** What this connection's user may declare; `all` unless it runs with least privilege. */
  declare?: DeclareScope;
}

type ConnectListener = (connection: ChannelModel) => Promise<void>;

const defaultReconnect: ReconnectPolicy = { initialDelayMs: 250, maxDelayMs: 10_000 };

/**
 * One AMQP connection that comes back by itself: on loss it reconnects with exponential
 * backoff and jitter, then lets every listener (publisher, consumers) set up its channels again.
 */
export class BrokerConnection {
  private connection?: ChannelModel;
  private readonly listeners: ConnectListener[] = [];
  private closing = false;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private ready = deferred();

  constructor(private readonly options: BrokerConnectionOptions) {}

  get declareScope(): DeclareScope {
    return this.options.declare ?? 'all';
  }

  get isConnected(): boolean {
    return this.connection !== undefined;
  }

  /** Starts connecting in the background; `whenConnected` tells when the first connection is up. */
  start(): void {
    void this.attempt();
  }

  whenConnected(): Promise<void> {
    return this.ready.promise;
  }

  /** Runs `listener` on the current connection (if any) and on every later reconnect. */
  async onConnect(listener: ConnectListener): Promise<void> {
    this.listeners.push(listener);
    if (this.connection) await listener(this.connection);
  }

  /** A channel on the current connection for short one-off work (admin reads); the caller closes it. */
  async createChannel(): Promise<Channel> {
    if (!this.connection) throw new AppError('service_unavailable', 'Not connected to RabbitMQ; try again once the broker is back');
    return this.connection.createChannel();
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retryTimer);
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await connection.close().catch((error: unknown) => this.logClosed(error));
  }

  private async attempt(): Promise<void> {
    if (this.closing) return;
    try {
      const connection = await connect(this.options.url, {
        clientProperties: { connection_name: this.options.connectionName },
        // Without it Nagle's algorithm holds small frames (a publish, an ack) until the peer's delayed ACK: ~40 ms per hop.
        noDelay: true,
      });
      await this.adopt(connection);
    } catch (error) {
      this.scheduleRetry(error);
    }
  }

  private async adopt(connection: ChannelModel): Promise<void> {
    connection.on('error', (error: Error) => this.options.logger.warn({ err: error }, 'broker connection error'));
    connection.on('close', () => this.onLost(connection));
    try {
      for (const listener of this.listeners) await listener(connection);
    } catch (error) {
      await connection.close().catch((closeError: unknown) => this.logClosed(closeError));
      throw error;
    }
    this.connection = connection;
    this.failures = 0;
    this.options.logger.info({ event: 'broker.connected' }, 'connected to RabbitMQ');
    this.ready.resolve();
  }

  private onLost(connection: ChannelModel): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.ready = deferred();
    if (this.closing) return;
    this.options.logger.warn({ event: 'broker.disconnected' }, 'lost the RabbitMQ connection, reconnecting');
    this.scheduleRetry();
  }

  private scheduleRetry(error?: unknown): void {
    if (this.closing) return;
    const policy = this.options.reconnect ?? defaultReconnect;
    const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** this.failures);
    const delayMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.failures += 1;
    if (error) {
      this.options.logger.warn(
        { event: 'broker.connect_failed', attempt: this.failures, retryInMs: delayMs, reason: errorMessage(error) },
        'cannot reach RabbitMQ, retrying',
      );
    }
    this.retryTimer = setTimeout(() => void this.attempt(), delayMs);
  }

  private logClosed(error: unknown): void {
    this.options.logger.debug({ reason: errorMessage(error) }, 'broker connection was already closed');
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
