import { connect } from 'amqplib';
import { envelopeSchema, type Envelope } from '@docpipe/contracts';

/** Takes every message waiting in `queue` (as its consumer would), keeping the envelopes. */
export async function drainQueue(url: string, queue: string): Promise<Envelope[]> {
  const connection = await connect(url);
  try {
    const channel = await connection.createChannel();
    const envelopes: Envelope[] = [];
    for (let message = await channel.get(queue, { noAck: true }); message; message = await channel.get(queue, { noAck: true })) {
      envelopes.push(envelopeSchema.parse(JSON.parse(message.content.toString('utf8'))) as Envelope);
    }
    return envelopes;
  } finally {
    await connection.close();
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
