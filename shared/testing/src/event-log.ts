import { connect, type Channel, type ChannelModel } from 'amqplib';
import { envelopeSchema, type Envelope } from '@docpipe/contracts';
import { queues } from '@docpipe/events';

/**
 * Every event of the vhost as the status tracker's queue receives them (nobody consumes that queue in
 * these tests), read with basic.get so the test sees what the service really published.
 */
export class EventLog {
  private readonly seen: Envelope[] = [];

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
  ) {}

  static async open(url: string): Promise<EventLog> {
    const connection = await connect(url);
    return new EventLog(connection, await connection.createChannel());
  }

  /** The first event of `type` about the document, waiting for it up to timeoutMs. */
  async waitFor(documentId: string, type: string, timeoutMs = 30_000): Promise<Envelope> {
    const [first] = await this.waitForCount(documentId, type, 1, timeoutMs);
    return first;
  }

  /** At least `count` events of `type` about the document, waiting for them up to timeoutMs. */
  async waitForCount(documentId: string, type: string, count: number, timeoutMs = 30_000): Promise<Envelope[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.drain();
      const found = this.of(documentId).filter((event) => event.type === type);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        const types = this.of(documentId).map((event) => event.type);
        throw new Error(`Fewer than ${count} ${type} for ${documentId} within ${timeoutMs} ms; seen: ${types.join(', ') || 'nothing'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The first event about the document whose type is one of `types`, waiting for it up to timeoutMs. */
  async waitForAny(documentId: string, types: readonly string[], timeoutMs = 30_000): Promise<Envelope> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.drain();
      const found = this.of(documentId).find((event) => types.includes(event.type));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No ${types.join(' or ')} for ${documentId} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  of(documentId: string): Envelope[] {
    return this.seen.filter((event) => event.documentId === documentId);
  }

  /** Waits until `queue` holds `count` messages (the broker's own count, not the management API's sampled one). */
  async waitForMessages(queue: string, count: number, timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { messageCount } = await this.channel.checkQueue(queue);
      if (messageCount >= count || Date.now() > deadline) return messageCount;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private async drain(): Promise<void> {
    for (
      let message = await this.channel.get(queues.trackStatus.name, { noAck: true });
      message;
      message = await this.channel.get(queues.trackStatus.name, { noAck: true })
    ) {
      this.seen.push(envelopeSchema.parse(JSON.parse(message.content.toString('utf8'))) as Envelope);
    }
  }
}
