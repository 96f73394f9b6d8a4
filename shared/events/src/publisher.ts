import { randomUUID } from 'node:crypto';
import { context, SpanKind } from '@opentelemetry/api';
import type { ChannelModel, ConfirmChannel, Message, Options } from 'amqplib';
import type { Logger } from '@docpipe/platform';
import { type EventContract, type PayloadOf, type Envelope } from '@docpipe/contracts';
import { createEnvelope } from './create-envelope';
import { originFor } from './correlation';
import { PublishError } from './errors';
import type { BrokerConnection } from './connection';
import type { EventMetrics } from './metrics';
import { declareTopology, EVENTS_EXCHANGE, type QueueSpec } from './topology';
import { inSpan, messageAttributes, traceHeaders } from './tracing';

export interface PublisherOptions {
  /** How long a publish may wait for a connection and the broker's confirm before it rejects. */
  confirmTimeoutMs: number;
  /** Declared on every connect, so a published event always has its queues (mandatory publishing). */
  topology: readonly QueueSpec[];
  logger: Logger;
  metrics?: EventMetrics;
}

interface Outgoing {
  exchange: string;
  routingKey: string;
  content: Buffer;
  options: Options.Publish;
  unroutable: boolean;
  settle: (error?: Error) => void;
}

// amqplib fails every unconfirmed publish of a closing channel with this message; those are sent again.
const NACKED = 'message nacked';

/**
 * Publishes with publisher confirms, many in flight. A publish resolves only once the broker has
 * the message; while the broker is away it waits (and resends what a lost channel left unconfirmed)
 * until `confirmTimeoutMs`, then rejects. Nothing is dropped silently, so consumers must tolerate
 * the rare duplicate (same envelope id).
 */
export class EventPublisher {
  private channel?: ConfirmChannel;
  private waiting: Outgoing[] = [];
  // A Set, not a map by message id: a retry or dead letter republishes the same id while the original may be unconfirmed.
  private readonly inFlight = new Set<Outgoing>();
  private draining = false;

  constructor(
    private readonly connection: BrokerConnection,
    private readonly options: PublisherOptions,
  ) {}

  async start(): Promise<void> {
    await this.connection.onConnect((connection) => this.openChannel(connection));
  }

  publish<C extends EventContract>(
    contract: C,
    payload: PayloadOf<C>,
    target: { documentId?: string; tenantId?: string } = {},
  ): Promise<Envelope<C>> {
    const envelope = createEnvelope(contract, payload, originFor(target));
    return this.publishEnvelope(envelope, contract.routingKey, { mandatory: !contract.broadcast }).then(() => envelope);
  }

  /**
   * `mandatory` (the default) rejects the publish when no queue is bound to the routing key. The publish is a
   * PRODUCER span of the work in progress, and the message carries its trace context for the consumers.
   */
  async publishEnvelope(envelope: Envelope, routingKey: string, { mandatory = true }: { mandatory?: boolean } = {}): Promise<void> {
    const attributes = () =>
      messageAttributes({
        destination: EVENTS_EXCHANGE,
        routingKey,
        messageId: envelope.id,
        correlationId: envelope.correlationId,
        type: envelope.type,
        tenantId: envelope.tenantId,
        documentId: envelope.documentId,
      });
    await inSpan(`${routingKey} publish`, { kind: SpanKind.PRODUCER, attributes }, context.active(), () =>
      this.send(EVENTS_EXCHANGE, routingKey, Buffer.from(JSON.stringify(envelope)), {
        mandatory,
        messageId: envelope.id,
        correlationId: envelope.correlationId,
        type: envelope.type,
        headers: { 'x-tenant-id': envelope.tenantId, 'x-document-id': envelope.documentId, ...traceHeaders() },
      }),
    );
    this.options.metrics?.eventPublished(envelope.type);
  }

  /**
   * Lower level: any exchange and routing key, same confirm guarantees. Used for retries and dead letters,
   * which keep the original headers, trace context included: every attempt belongs to the publisher's trace.
   */
  send(exchange: string, routingKey: string, content: Buffer, options: Options.Publish): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.forget(outgoing);
        reject(new PublishError('publish_timeout', this.timeoutMessage(routingKey)));
      }, this.options.confirmTimeoutMs);
      const outgoing: Outgoing = {
        exchange,
        routingKey,
        content,
        options: { persistent: true, contentType: 'application/json', mandatory: true, timestamp: Date.now(), ...options },
        unroutable: false,
        settle: (error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        },
      };
      this.waiting.push(outgoing);
      this.flush();
    });
  }

  private async openChannel(connection: ChannelModel): Promise<void> {
    const channel = await connection.createConfirmChannel();
    await declareTopology(channel, this.options.topology, this.connection.declareScope);
    channel.on('return', (message: Message) => this.onReturned(message));
    channel.on('drain', () => {
      this.draining = false;
      this.flush();
    });
    channel.on('close', () => this.onChannelClosed(channel, connection));
    channel.on('error', (error: Error) => this.options.logger.warn({ err: error }, 'publisher channel error'));
    this.channel = channel;
    this.flush();
  }

  private flush(): void {
    while (this.channel && !this.draining && this.waiting.length > 0) {
      this.transmit(this.channel, this.waiting.shift()!);
    }
  }

  private transmit(channel: ConfirmChannel, outgoing: Outgoing): void {
    // Returned (unroutable) messages are matched back by message id.
    outgoing.options.messageId ??= randomUUID();
    this.inFlight.add(outgoing);
    const accepted = channel.publish(outgoing.exchange, outgoing.routingKey, outgoing.content, outgoing.options, (error) =>
      this.onConfirm(outgoing, error),
    );
    if (!accepted) this.draining = true;
  }

  private onConfirm(outgoing: Outgoing, error: Error | null | undefined): void {
    // Not in flight: already timed out, or a confirm from a channel whose messages were resent.
    if (!this.inFlight.delete(outgoing)) return;
    if (error && error.message !== NACKED) {
      this.waiting.push(outgoing);
      return;
    }
    if (error) return outgoing.settle(new PublishError('publish_nacked', `The broker refused ${outgoing.routingKey}`));
    if (outgoing.unroutable) {
      return outgoing.settle(new PublishError('unroutable', `No queue is bound to ${outgoing.exchange}/${outgoing.routingKey}`));
    }
    outgoing.settle();
  }

  /** The broker returns an unroutable message before it confirms it; the oldest matching publish is the one. */
  private onReturned({ fields, properties }: Message): void {
    for (const outgoing of this.inFlight) {
      const matches =
        !outgoing.unroutable &&
        outgoing.options.messageId === properties.messageId &&
        outgoing.exchange === fields.exchange &&
        outgoing.routingKey === fields.routingKey;
      if (matches) {
        outgoing.unroutable = true;
        return;
      }
    }
  }

  /** A channel can die alone (a broker-side channel error): open a new one; a lost connection reconnects instead. */
  private onChannelClosed(channel: ConfirmChannel, connection: ChannelModel): void {
    if (this.channel !== channel) return;
    this.channel = undefined;
    this.draining = false;
    this.openChannel(connection).catch((error: unknown) =>
      this.options.logger.debug({ reason: String(error) }, 'publisher channel waits for the reconnect'),
    );
  }

  private forget(outgoing: Outgoing): void {
    this.waiting = this.waiting.filter((candidate) => candidate !== outgoing);
    this.inFlight.delete(outgoing);
  }

  private timeoutMessage(routingKey: string): string {
    const state = this.channel ? 'the broker did not confirm it' : 'RabbitMQ is unreachable';
    return `Could not publish ${routingKey} within ${this.options.confirmTimeoutMs} ms: ${state}`;
  }
}
