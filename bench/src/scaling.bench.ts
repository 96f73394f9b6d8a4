import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startDeployment } from './deployment';
import { throughServices, uniquePdfs, type PipelineOptions, type Run } from './pipeline.bench';
import type { Recorder } from './report';

/**
 * How the pipeline scales by worker copies. Both deployments run a profile in which a copy is limited by its own
 * concurrency: one document at a time per worker copy (EXTRACTION/CLASSIFICATION/INDEXING_CONCURRENCY=1) and the
 * word-vector embedder (OFFLINE_EMBEDDER=sif, ~1 ms a chunk). The machine's CPU use over each run is reported beside
 * it, and the services' own share (in cores, out of 2): a run near 100 % was CPU-bound, and on 2 cores the offline
 * engines make it so.
 */
export async function benchScaling(options: PipelineOptions, env: NodeJS.ProcessEnv, recorder: Recorder): Promise<void> {
  const profile = { OFFLINE_EMBEDDER: 'sif', EXTRACTION_CONCURRENCY: '1', CLASSIFICATION_CONCURRENCY: '1', INDEXING_CONCURRENCY: '1' };
  const measure = async (workerCopies: number): Promise<Run & { cpu: CpuUse }> => {
    const deployment = await startDeployment({ ...env, ...profile }, { workerCopies });
    try {
      const pdfs = await uniquePdfs(options.documents);
      const before = cpuTimes(deployment.pids());
      const run = await throughServices(pdfs, options, deployment);
      return { ...run, cpu: cpuUseSince(before, deployment.pids()) };
    } finally {
      await deployment.stop();
    }
  };
  const one = await measure(1);
  const two = await measure(2);
  const section = `2. scaling (${options.documents} one-page PDFs; each worker copy one document at a time, word-vector embedder)`;
  const notes = [one, two].map(
    (run, i) =>
      `${i + 1} ${i === 0 ? 'copy' : 'copies'}: machine CPU ${Math.round(run.cpu.machineBusy * 100)} % busy, the services ${run.cpu.serviceCores.toFixed(2)} cores` +
      (run.done < options.documents ? `, only ${run.done} of ${options.documents} indexed` : ''),
  );
  recorder.add({
    section,
    name: 'docs/min with 2 copies of ingestion, extraction, classification, indexing',
    unit: 'docs/min',
    value: two.docsPerMinute,
    baseline: { name: '1 copy of each', value: one.docsPerMinute },
    better: 'higher',
    note: notes.join('; '),
  });
  recorder.add({
    section,
    name: 'upload→indexed p50 with 2 copies',
    unit: 'ms',
    value: two.latency.p50,
    baseline: { name: '1 copy of each', value: one.latency.p50 },
    better: 'lower',
  });
}

interface CpuTimes {
  busy: number;
  total: number;
  /** Clock ticks (user + system) of each service process so far. */
  services: Map<number, number>;
}

interface CpuUse {
  /** Of the whole machine's CPU time over the run, the share not idle. */
  machineBusy: number;
  /** The services' CPU time over the run per second of it: cores used on average. */
  serviceCores: number;
}

/** Clock ticks from /proc: the machine's (busy is all but idle and iowait) and each process's (utime + stime). */
function cpuTimes(pids: number[]): CpuTimes {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  const services = new Map(pids.map((pid) => [pid, processTicks(pid)]));
  return { busy: total - ticks[3]! - ticks[4]!, total, services };
}

function processTicks(pid: number): number {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function cpuUseSince(before: CpuTimes, pids: number[]): CpuUse {
  const now = cpuTimes(pids);
  const machineTicks = Math.max(1, now.total - before.total);
  const serviceTicks = pids.reduce((sum, pid) => sum + (now.services.get(pid) ?? 0) - (before.services.get(pid) ?? 0), 0);
  return { machineBusy: (now.busy - before.busy) / machineTicks, serviceCores: (serviceTicks / machineTicks) * cpus().length };
}
