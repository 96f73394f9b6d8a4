import { connect } from 'amqplib';
import { Client } from 'minio';
import { loadConfig } from '@docpipe/platform';
import { storageConfigSchema } from '@docpipe/storage';
import { envelopeSchema, type Envelope } from '@docpipe/events';

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

export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The keys under `prefix` in the test bucket (the ObjectStore itself has no listing). */
export async function listKeys(prefix: string): Promise<string[]> {
  const config = loadConfig(storageConfigSchema);
  const endpoint = new URL(config.S3_ENDPOINT);
  const client = new Client({
    endPoint: endpoint.hostname,
    port: Number(endpoint.port),
    useSSL: endpoint.protocol === 'https:',
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    region: config.S3_REGION,
    pathStyle: true,
  });
  const keys: string[] = [];
  for await (const item of client.listObjectsV2(config.S3_BUCKET, prefix, true)) keys.push((item as { name: string }).name);
  return keys;
}
