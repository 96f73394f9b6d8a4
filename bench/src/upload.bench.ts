import { randomBytes } from 'node:crypto';
import { ObjectStore, storageConfigSchema } from '@docpipe/storage';
import type { Deployment } from './deployment';
import { sentence } from './documents';
import { inWindows } from './event-backbone.bench';
import { GatewayClient } from './gateway-client';
import type { Recorder } from './report';
import { latencies } from './stats';

export interface UploadOptions {
  clients: number;
  /** Uploads per size. */
  smallUploads: number;
  largeUploads: number;
}

const KB = 1024;

/** 202 latency of uploads at `clients` concurrent clients vs a plain S3 put of the same bytes at the same concurrency. */
export async function benchUploads(
  options: UploadOptions,
  deployment: Deployment,
  env: NodeJS.ProcessEnv,
  recorder: Recorder,
): Promise<void> {
  const client = new GatewayClient(deployment);
  const store = new ObjectStore(storageConfigSchema.parse(env));
  const prefix = `staging/${deployment.tenant}/bench-baseline`;
  for (const [label, bytes, count] of [
    ['100 KB', 100 * KB, options.smallUploads],
    ['10 MB', 10 * KB * KB, options.largeUploads],
  ] as const) {
    const files = Array.from({ length: count }, () => textOfSize(bytes));
    const ours: number[] = [];
    const baseline: number[] = [];
    // Each client alternates the two, so both meet the same background: the workers processing earlier uploads.
    await inWindows(count, options.clients, async (i) => {
      const upload = async () => {
        const answer = await client.upload(`upload-${label.replace(' ', '')}-${i}.txt`, files[i]!, 'text/plain');
        ours.push(answer.acceptedAt - answer.sentAt);
      };
      const put = async () => {
        const start = performance.now();
        await store.put(`${prefix}/${label.replace(' ', '')}-${i}`, files[i]!, { size: files[i]!.length, contentType: 'text/plain' });
        baseline.push(performance.now() - start);
      };
      for (const step of i % 2 === 0 ? [upload, put] : [put, upload]) await step();
    });
    const section = `4. upload acknowledgement (${count} × ${label}, ${options.clients} clients)`;
    const [o, b] = [latencies(ours), latencies(baseline)];
    recorder.add({
      section,
      name: '202 p50',
      unit: 'ms',
      value: o.p50,
      baseline: { name: 'S3 put of the same bytes', value: b.p50 },
      better: 'lower',
    });
    recorder.add({
      section,
      name: '202 p99',
      unit: 'ms',
      value: o.p99,
      baseline: { name: 'S3 put of the same bytes', value: b.p99 },
      better: 'lower',
    });
  }
  await store.removePrefix(`${prefix}/`);
}

/** Plain text of exactly `bytes` bytes, unique per call (the gateway deduplicates identical content). */
function textOfSize(bytes: number): Buffer {
  const line = `${randomBytes(8).toString('hex')} ${sentence(Math.floor(Math.random() * 1e6), 14)}\n`;
  return Buffer.from(line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes));
}
