import { randomBytes } from 'node:crypto';
import type { Deployment } from './deployment';
import { textPdf } from './documents';
import { GatewayClient, type Accepted } from './gateway-client';
import { recordSteps, stepsOf } from './pipeline.bench';
import type { Recorder } from './report';
import { latencies } from './stats';

export interface HalfLoadOptions {
  /** The pipeline's measured capacity (section 1), in docs/min. */
  capacityPerMinute: number;
  /** Section 1's single-process loop: p50 ms in each stage, beside which the services' stage times are shown. */
  loopSteps: Map<string, number>;
  /** How long uploads go on at half that rate. */
  windowS: number;
  /** Gives up waiting for the last documents after this long past the window. */
  timeoutMs: number;
}

// Issue #14's targets for a pipeline at half its capacity.
const TARGET_P50_MS = 2_000;
const TARGET_P99_MS = 5_000;

/**
 * Upload→indexed latency in steady use: one-page PDFs uploaded at half the measured capacity, evenly spaced (each
 * upload starts on its schedule whether or not the previous one was answered), for a fixed window.
 */
export async function benchHalfLoad(options: HalfLoadOptions, deployment: Deployment, recorder: Recorder): Promise<void> {
  const perMinute = options.capacityPerMinute / 2;
  const intervalMs = 60_000 / perMinute;
  const count = Math.max(1, Math.floor((options.windowS * 1000) / intervalMs));
  const run = randomBytes(4).toString('hex');
  const pdfs = await Promise.all(Array.from({ length: count }, (_, i) => textPdf(1, 30, i + 1, `Half load ${run} document ${i + 1}`)));
  const client = new GatewayClient(deployment);
  // Section 1's documents still in the queues would be measured instead of the half load.
  const drained = await untilIdle(client, performance.now() + options.timeoutMs);
  const start = performance.now();
  const accepted = await Promise.all(
    pdfs.map(async (pdf, i) => {
      const due = start + i * intervalMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      return client.upload(`half-load-${i + 1}.pdf`, pdf, 'application/pdf');
    }),
  );
  const indexedAt = await untilSettled(client, accepted, performance.now() + options.timeoutMs);
  const samples = accepted.flatMap((upload) => {
    const at = indexedAt.get(upload.id);
    return at === undefined ? [] : [at - upload.sentAtEpochMs];
  });
  const { p50, p99 } = latencies(samples);
  const section = `9. half load (${count} one-page PDFs at ${Math.round(perMinute)}/min, half of ${Math.round(options.capacityPerMinute)} docs/min, for ${options.windowS} s)`;
  const notes = [
    drained ? '' : 'section 1 had not drained when uploads began',
    samples.length < count ? `only ${samples.length} of ${count} indexed` : '',
  ];
  const note = notes.filter(Boolean).join('; ') || undefined;
  recorder.add({
    section,
    name: 'upload→indexed p50',
    unit: 'ms',
    value: p50,
    baseline: { name: 'target', value: TARGET_P50_MS },
    better: 'lower',
    note,
  });
  recorder.add({
    section,
    name: 'upload→indexed p99',
    unit: 'ms',
    value: p99,
    baseline: { name: 'target', value: TARGET_P99_MS },
    better: 'lower',
    note,
  });
  // Without queues in the way, a stage's time is its own cost: what a document spends in each service beside the loop.
  const steps = await stepsOf(client, [...indexedAt.keys()]);
  recordSteps(recorder, `${section}, where the time goes (p50)`, steps, options.loopSteps);
}

/** When each upload was indexed (the document's last update, epoch ms), once all are indexed or failed or time ran out. */
async function untilSettled(client: GatewayClient, accepted: Accepted[], deadline: number): Promise<Map<string, number>> {
  const ids = new Set(accepted.map((upload) => upload.id));
  for (;;) {
    const [indexed, failed] = await Promise.all([client.all('indexed'), client.all('failed')]);
    const ours = indexed.filter((document) => ids.has(document.id));
    const settled = ours.length + failed.filter((document) => ids.has(document.id)).length;
    if (settled >= ids.size || performance.now() > deadline)
      return new Map(ours.map((document) => [document.id, Date.parse(document.updatedAt)]));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const IN_PROGRESS = ['received', 'queued', 'extracting', 'extracted', 'classifying', 'classified', 'indexing'];

/** Waits until none of the tenant's documents is in progress; false when the deadline came first. */
async function untilIdle(client: GatewayClient, deadline: number): Promise<boolean> {
  for (;;) {
    const counts = await Promise.all(IN_PROGRESS.map((status) => client.count(status)));
    if (counts.every((count) => count === 0)) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
