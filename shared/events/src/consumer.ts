import { SpanKind, type Span } from '@opentelemetry/api';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { AppError, errorMessage, runInContext, type Logger, NonRetryableError } from '@docpipe/platform';
import type { EventContract, Envelope } from '@docpipe/contracts';
import type { BrokerConnection } from './connection';
import { contextOf } from './correlation';
import { decodeEvent } from './decode';
import type { ConsumeOutcome, EventMetrics } from './metrics';
import type { EventPublisher } from './publisher';
import { deadLetterQueueOf, delayQueueFor, jitteredDelay, retryDelays, RETRY_TARGET_HEADER, type QueueSpec } from './topology';
import { contextFromHeaders, deliveryAttributes, inSpan, markFailed } from './tracing';

export interface Delivery {
  /** 1 on the first try; grows with each retry after a handler error. */
  attempt: number;
  /** True when the broker delivers it again because an earlier consumer never acked it. */
  redelivered: boolean;
}

export type EventHandler<C extends EventContract> = (event: Envelope<C>, delivery: Delivery) => Promise<void>;

export interface ConsumerOptions {
  /** Unacked messages this consumer holds at once: its parallelism, and what the broker keeps from others. */
  prefetch: number;
  /** Used for retry and dead-letter copies, so they are confirmed before the original is acked. */
  publisher: EventPublisher;
  logger: Logger;
  /** How long stop() lets running handlers finish before closing the channel (their messages are redelivered). */
  drainTimeoutMs?: number;
  metrics?: EventMetrics;
}

const ATTEMPT_HEADER = 'x-attempt';

/**
 * Consumes one queue with manual acks and bounded prefetch. A failed handler is retried after a
 * growing delay (TTL delay queue, then back through the retry exchange); after the last attempt, or at
 * once for an invalid message or a NonRetryableError, the message goes to `<queue>.dlq` with the error in
 * its headers. A consumer that dies before acking leaves the message to be redelivered.
 */
export class QueueConsumer<C extends EventContract> {
  private channel?: Channel;
  private consumerTag?: string;
  private stopping = false;
  private readonly running = new Set<Promise<void>>();
  private readonly delays: number[];

  constructor(
    private readonly connection: BrokerConnection,
    private readonly queue: QueueSpec<C>,
    private readonly handler: EventHandler<C>,
    private readonly options: ConsumerOptions,
  ) {
    this.delays = retryDelays(queue.retry);
  }

  async start(): Promise<void> {
    await this.connection.onConnect((connection) => this.subscribe(connection));
  }

  /** Stops taking messages, lets running handlers finish (bounded), then closes the channel. */
  async stop(): Promise<void> {
    this.stopping = true;
    const channel = this.channel;
    if (!channel) return;
    if (this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    const drained = Promise.allSettled([...this.running]);
    const timeout = new Promise((resolve) => setTimeout(resolve, this.options.drainTimeoutMs ?? 10_000).unref());
    await Promise.race([drained, timeout]);
    this.channel = undefined;
    await channel.close().catch(() => undefined);
  }

  private async subscribe(connection: ChannelModel): Promise<void> {
    if (this.stopping) return;
    const channel = await connection.createChannel();
    channel.on('error', (error: Error) => this.options.logger.warn({ err: error }, 'consumer channel error'));
    await channel.prefetch(this.options.prefetch);
    const { consumerTag } = await channel.consume(this.queue.name, (message) => {
      if (message) this.track(this.process(channel, message));
    });
    this.channel = channel;
    this.consumerTag = consumerTag;
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /** Each delivery is a CONSUMER span, child of the publisher's span whose trace context the message carries. */
  private process(channel: Channel, message: ConsumeMessage): Promise<void> {
    const { properties } = message;
    const attempt = Number(properties.headers?.[ATTEMPT_HEADER] ?? 1);
    const attributes = () => ({ ...deliveryAttributes(this.queue.name, message), 'docpipe.attempt': attempt });
    const parent = contextFromHeaders(properties.headers);
    return inSpan(`${this.queue.name} process`, { kind: SpanKind.CONSUMER, attributes }, parent, (span) =>
      this.handle(channel, message, attempt, span),
    );
  }

  private async handle(channel: Channel, message: ConsumeMessage, attempt: number, span: Span): Promise<void> {
    let event: Envelope<C>;
    try {
      event = decodeEvent(message.content, this.queue.events);
    } catch (error) {
      markFailed(span, error);
      await this.deadLetter(channel, message, error, attempt);
      return this.count('invalid', 'dead_lettered');
    }
    await runInContext(contextOf(event), async () => {
      const startedAt = performance.now();
      try {
        await this.handler(event, { attempt, redelivered: message.fields.redelivered });
        this.settle(channel, message, 'ack');
        this.options.logger.info(
          { event: event.type, queue: this.queue.name, attempt, durationMs: Math.round(performance.now() - startedAt) },
          'handled event',
        );
        this.count(event.type, 'handled');
      } catch (error) {
        markFailed(span, error);
        this.count(event.type, await this.onHandlerError(channel, message, error, attempt));
      } finally {
        this.options.metrics?.handlerFinished(this.queue.name, (performance.now() - startedAt) / 1000);
      }
    });
  }

  private count(type: string, outcome: ConsumeOutcome): void {
    this.options.metrics?.eventConsumed(this.queue.name, type, outcome);
  }

  private async onHandlerError(channel: Channel, message: ConsumeMessage, error: unknown, attempt: number): Promise<ConsumeOutcome> {
    const lastAttempt = attempt >= this.queue.retry.maxAttempts || error instanceof NonRetryableError;
    if (lastAttempt) {
      await this.deadLetter(channel, message, error, attempt);
      return 'dead_lettered';
    }
    const delayMs = jitteredDelay(this.delays[attempt - 1]);
    this.options.logger.warn({ err: error, queue: this.queue.name, attempt, retryInMs: delayMs }, 'handler failed, retrying later');
    await this.forward(channel, message, delayQueueFor(delayMs), {
      [ATTEMPT_HEADER]: attempt + 1,
      [RETRY_TARGET_HEADER]: this.queue.name,
      'x-last-error': errorMessage(error),
    });
    return 'retried';
  }

  private async deadLetter(channel: Channel, message: ConsumeMessage, error: unknown, attempt: number) {
    this.options.logger.error(
      { err: error, queue: this.queue.name, attempt, messageId: message.properties.messageId },
      'giving up on message, moving it to the dead-letter queue',
    );
    await this.forward(channel, message, deadLetterQueueOf(this.queue.name), {
      [ATTEMPT_HEADER]: attempt,
      'x-error-code': error instanceof AppError ? error.code : 'handler_error',
      'x-error-message': errorMessage(error),
    });
  }

  /** Sends a copy (confirmed) and only then acks the original: a crash in between duplicates, never loses. */
  private async forward(channel: Channel, message: ConsumeMessage, queue: string, headers: Record<string, unknown>) {
    const { properties } = message;
    // One clock reading, so a message that fails once has its first and last failure at the same time.
    const failedAt = new Date().toISOString();
    try {
      await this.options.publisher.send('', queue, message.content, {
        ...properties,
        headers: {
          'x-first-failure-at': failedAt,
          'x-original-routing-key': message.fields.routingKey,
          ...properties.headers,
          'x-last-failure-at': failedAt,
          ...headers,
        },
      });
      this.settle(channel, message, 'ack');
    } catch (error) {
      this.options.logger.error({ err: error, queue }, 'could not forward the message; it stays in its queue');
      this.settle(channel, message, 'requeue');
    }
  }

  /** Acks on a channel that has since closed are moot: the broker already requeued the message. */
  private settle(channel: Channel, message: ConsumeMessage, outcome: 'ack' | 'requeue'): void {
    try {
      if (outcome === 'ack') channel.ack(message);
      else channel.nack(message, false, true);
    } catch (error) {
      this.options.logger.debug({ reason: errorMessage(error) }, 'channel closed before the ack; the broker will redeliver');
    }
  }
}
