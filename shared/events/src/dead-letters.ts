import type { Channel, GetMessage } from 'amqplib';
import { AppError, errorMessage, type Logger } from '@docpipe/platform';
import type { BrokerConnection } from './connection';
import type { EventPublisher } from './publisher';
import { deadLetterQueueOf, type QueueSpec } from './topology';

/** One message in a dead-letter queue, as the consumer that gave up on it described it in its headers. */
export interface DeadLetter {
  messageId: string | null;
  type: string | null;
  tenantId: string | null;
  documentId: string | null;
  originalRoutingKey: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  attempts: number | null;
  firstFailureAt: string | null;
  lastFailureAt: string | null;
}

export interface DeadLetterQueueReport {
  queue: string;
  deadLetterQueue: string;
  /** Messages in the DLQ when it was looked at, including those not listed. */
  count: number;
  /** At most the requested number, oldest first (as far as the queue's order goes, see DeadLetters). */
  messages: DeadLetter[];
}

/** Ready messages of a queue and of its DLQ (unacked ones in flight are not counted). */
export interface QueueDepth {
  queue: string;
  /** Ready messages (not those a consumer holds unacked). */
  messages: number;
  consumers: number;
  deadLetters: number;
}

export interface RedriveResult {
  queue: string;
  redriven: number;
  /** Messages left in the DLQ: not asked for, or held by a concurrent reader. */
  remaining: number;
}

// The consumer's failure bookkeeping: a redriven message starts over as a first attempt.
const FAILURE_HEADERS = [
  'x-attempt',
  'x-error-code',
  'x-error-message',
  'x-first-failure-at',
  'x-last-failure-at',
  'x-last-error',
  'x-death',
  'x-first-death-reason',
  'x-first-death-queue',
  'x-first-death-exchange',
  'x-last-death-reason',
  'x-last-death-queue',
  'x-last-death-exchange',
];

/**
 * Reads and redrives the `<queue>.dlq` queues. AMQP 0-9-1 cannot browse a queue, so a peek takes the
 * messages with basic.get without acking them, reads their headers, then nacks them with requeue:
 * nothing is lost (a crash of the reader returns them too), but a requeued message may come back at
 * another position, so the order of a DLQ is not kept across peeks. On RabbitMQ 4.x, whose quorum
 * queues count requeues towards a default delivery limit of 20, give the DLQs an unlimited delivery
 * limit by policy before peeking often.
 */
export class DeadLetters {
  private readonly queues: Map<string, QueueSpec>;

  constructor(
    private readonly connection: BrokerConnection,
    private readonly publisher: EventPublisher,
    queues: readonly QueueSpec[],
    private readonly logger: Logger,
  ) {
    this.queues = new Map(queues.map((queue) => [queue.name, queue]));
  }

  /** Every known queue's DLQ: its size and up to `limit` of its messages. */
  async list(limit: number): Promise<DeadLetterQueueReport[]> {
    const reports: DeadLetterQueueReport[] = [];
    for (const queue of this.queues.keys()) reports.push(await this.peek(queue, limit));
    return reports;
  }

  /** Cheap (one passive declare per queue), for a metrics scrape. */
  async depths(): Promise<QueueDepth[]> {
    return this.withChannel(async (channel) => {
      const depths: QueueDepth[] = [];
      for (const queue of this.queues.keys()) {
        const { messageCount: messages, consumerCount: consumers } = await channel.checkQueue(queue);
        const { messageCount: deadLetters } = await channel.checkQueue(deadLetterQueueOf(queue));
        depths.push({ queue, messages, consumers, deadLetters });
      }
      return depths;
    });
  }

  async peek(queue: string, limit: number): Promise<DeadLetterQueueReport> {
    const deadLetterQueue = deadLetterQueueOf(this.known(queue).name);
    return this.withChannel(async (channel) => {
      const { messageCount } = await channel.checkQueue(deadLetterQueue);
      const taken = await take(channel, deadLetterQueue, limit);
      channel.nackAll(true);
      return { queue, deadLetterQueue, count: Math.max(messageCount, taken.length), messages: taken.map(describe) };
    });
  }

  /**
   * Sends the DLQ's messages (all, or those with the given message ids) back to their queue only, not to
   * every queue bound to their routing key, as first attempts. Each is acked from the DLQ only once the
   * broker confirmed its copy: a crash in between leaves a duplicate, which the consumers' inbox absorbs.
   */
  async redrive(queue: string, messageIds?: readonly string[]): Promise<RedriveResult> {
    const target = this.known(queue).name;
    const deadLetterQueue = deadLetterQueueOf(target);
    const wanted = messageIds && new Set(messageIds);
    return this.withChannel(async (channel) => {
      // Taken until the queue answers empty, not up to its count: right after a requeue the count can lag.
      const taken = await take(channel, deadLetterQueue, Number.POSITIVE_INFINITY);
      let redriven = 0;
      for (const message of taken) {
        const messageId = message.properties.messageId as string | undefined;
        if (wanted && !(messageId && wanted.has(messageId))) continue;
        await this.publisher.send('', target, message.content, { ...message.properties, headers: freshHeaders(message) });
        channel.ack(message);
        redriven += 1;
      }
      channel.nackAll(true);
      this.logger.info(
        { event: 'dead-letters.redriven', queue: target, redriven },
        `redrove ${redriven} message(s) from ${deadLetterQueue}`,
      );
      return { queue: target, redriven, remaining: taken.length - redriven };
    });
  }

  private known(queue: string): QueueSpec {
    const spec = this.queues.get(queue);
    if (!spec) throw new AppError('queue_not_found', `No queue named "${queue}"; known queues: ${[...this.queues.keys()].join(', ')}`);
    return spec;
  }

  /** Closing the channel also returns any message still unacked when the work failed half-way. */
  private async withChannel<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
    const channel = await this.connection.createChannel();
    channel.on('error', (error: Error) => this.logger.warn({ err: error }, 'dead-letter channel error'));
    try {
      return await work(channel);
    } finally {
      await channel
        .close()
        .catch((error: unknown) => this.logger.debug({ reason: errorMessage(error) }, 'dead-letter channel already closed'));
    }
  }
}

/** Up to `count` messages, each held unacked so the next get returns another one. */
async function take(channel: Channel, queue: string, count: number): Promise<GetMessage[]> {
  const taken: GetMessage[] = [];
  while (taken.length < count) {
    const message = await channel.get(queue, { noAck: false });
    if (!message) break;
    taken.push(message);
  }
  return taken;
}

function freshHeaders(message: GetMessage): Record<string, unknown> {
  const headers: Record<string, unknown> = { ...message.properties.headers };
  for (const name of FAILURE_HEADERS) delete headers[name];
  return { ...headers, 'x-redriven-at': new Date().toISOString() };
}

function describe(message: GetMessage): DeadLetter {
  const headers: Record<string, unknown> = message.properties.headers ?? {};
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const attempts = Number(headers['x-attempt']);
  return {
    messageId: text(message.properties.messageId),
    type: text(message.properties.type),
    tenantId: text(headers['x-tenant-id']),
    documentId: text(headers['x-document-id']),
    originalRoutingKey: text(headers['x-original-routing-key']),
    // A message the broker dead-lettered itself (its consumers kept dying) has only the broker's reason.
    errorCode: text(headers['x-error-code']) ?? text(headers['x-first-death-reason']),
    errorMessage: text(headers['x-error-message']),
    attempts: Number.isFinite(attempts) && attempts > 0 ? attempts : null,
    firstFailureAt: text(headers['x-first-failure-at']),
    lastFailureAt: text(headers['x-last-failure-at']),
  };
}
