import { SpanKind } from '@opentelemetry/api';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { errorMessage, runInContext, type Logger } from '@docpipe/platform';
import type { EventContract, Envelope } from '@docpipe/contracts';
import type { BrokerConnection } from './connection';
import { contextOf } from './correlation';
import { decodeEvent } from './decode';
import { EVENTS_EXCHANGE } from './topology';
import { contextFromHeaders, deliveryAttributes, inSpan } from './tracing';

export type LiveHandler<C extends EventContract> = (event: Envelope<C>) => Promise<void>;

export interface LiveSubscriptionOptions {
  logger: Logger;
  /** Unacked messages held at once. */
  prefetch?: number;
}

/**
 * This process's own view of some events, for pushing them to its clients (one per notification instance):
 * an exclusive, auto-delete, server-named queue, declared again on every reconnect. Unlike a QueueConsumer
 * there is no retry and no dead-letter queue: what arrives while disconnected, or fails to be handled, is
 * lost to this live feed, and readers catch up from the durable store the events describe.
 */
export class LiveSubscription<C extends EventContract> {
  private channel?: Channel;
  private stopping = false;
  private currentQueue?: string;

  constructor(
    private readonly connection: BrokerConnection,
    private readonly events: readonly C[],
    private readonly handler: LiveHandler<C>,
    private readonly options: LiveSubscriptionOptions,
  ) {}

  /** The server-named queue of the current connection, once subscribed. */
  get queue(): string | undefined {
    return this.currentQueue;
  }

  async start(): Promise<void> {
    await this.connection.onConnect((connection) => this.subscribe(connection));
  }

  /** Closing the channel deletes the queue (exclusive and auto-delete). */
  async stop(): Promise<void> {
    this.stopping = true;
    const channel = this.channel;
    this.channel = undefined;
    this.currentQueue = undefined;
    await channel
      ?.close()
      .catch((error: unknown) => this.options.logger.debug({ reason: errorMessage(error) }, 'live channel already closed'));
  }

  private async subscribe(connection: ChannelModel): Promise<void> {
    if (this.stopping) return;
    const channel = await connection.createChannel();
    channel.on('error', (error: Error) => this.options.logger.warn({ err: error }, 'live subscription channel error'));
    await channel.prefetch(this.options.prefetch ?? 64);
    // A least-privilege user may not declare the exchange, only check that the definitions created it.
    if (this.connection.declareScope === 'all') await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
    else await channel.checkExchange(EVENTS_EXCHANGE);
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    for (const event of this.events) await channel.bindQueue(queue, EVENTS_EXCHANGE, event.routingKey);
    await channel.consume(queue, (message) => {
      if (message) void this.process(channel, message);
    });
    this.channel = channel;
    this.currentQueue = queue;
  }

  private async process(channel: Channel, message: ConsumeMessage): Promise<void> {
    const { fields, properties } = message;
    const attributes = () => deliveryAttributes(this.currentQueue ?? 'live', message);
    try {
      // Named by routing key: the server-named queue differs in every process and on every reconnect.
      await inSpan(
        `live ${fields.routingKey} process`,
        { kind: SpanKind.CONSUMER, attributes },
        contextFromHeaders(properties.headers),
        () => {
          const event = decodeEvent(message.content, this.events);
          return runInContext(contextOf(event), () => this.handler(event));
        },
      );
    } catch (error) {
      this.options.logger.error(
        { err: error, queue: this.currentQueue, messageId: message.properties.messageId },
        'could not handle a live event; dropped from the live feed',
      );
    } finally {
      this.ack(channel, message);
    }
  }

  private ack(channel: Channel, message: ConsumeMessage): void {
    try {
      channel.ack(message);
    } catch (error) {
      this.options.logger.debug({ reason: errorMessage(error) }, 'channel closed before the ack');
    }
  }
}
