import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startFakeOllama, type FakeOllama } from '@docpipe/stack';
import { startDeployment } from './deployment';
import { recordSteps, throughServices, uniquePdfs, type PipelineOptions, type Run } from './pipeline.bench';
import type { Recorder } from './report';

// What the services call by default (classification's OLLAMA_MODEL, the embedder's OLLAMA_EMBED_MODEL and its size).
const CHAT_MODEL = 'llama3.2';
const EMBED_MODEL = 'nomic-embed-text';
const EMBED_DIMENSIONS = 768;

/**
 * How the pipeline scales by worker copies where CPU is not the limit. On 2 cores the offline engines fill the CPUs
 * (the sentence encoder alone fills a core), so copies there measure the CPUs, not the design. Here the stages wait on
 * a remote engine instead, as they do with Ollama on a GPU server: classification and embedding call a stand-in
 * Ollama (@docpipe/stack's FakeOllama, answering a valid classification and hash vectors) after `engineLatencyMs`,
 * and each worker copy takes one document at a time (EXTRACTION/CLASSIFICATION/INDEXING_CONCURRENCY=1). Beside each
 * run: the engine's calls (a run that never reached it measured something else, and fails), the machine's CPU use
 * and the services' own share in cores: services far below the machine's cores were not CPU-bound.
 */
export async function benchScaling(
  options: PipelineOptions & { engineLatencyMs: number },
  env: NodeJS.ProcessEnv,
  recorder: Recorder,
): Promise<void> {
  const engine = await startFakeOllama({
    models: [CHAT_MODEL, EMBED_MODEL],
    dimensions: EMBED_DIMENSIONS,
    latencyMs: options.engineLatencyMs,
    chatAnswer: JSON.stringify({ type: 'report', confidence: 0.8 }),
  });
  const overrides = {
    OLLAMA_HOST: engine.url,
    OLLAMA_MODEL: CHAT_MODEL,
    OLLAMA_EMBED_MODEL: EMBED_MODEL,
    OLLAMA_EMBED_DIMENSIONS: String(EMBED_DIMENSIONS),
    EXTRACTION_CONCURRENCY: '1',
    CLASSIFICATION_CONCURRENCY: '1',
    INDEXING_CONCURRENCY: '1',
  };
  const measure = async (workerCopies: number): Promise<Run & { cpu: CpuUse; calls: EngineCalls }> => {
    const deployment = await startDeployment(env, { workerCopies, overrides });
    try {
      const pdfs = await uniquePdfs(options.documents);
      engine.reset();
      const before = cpuTimes(deployment.pids());
      const run = await throughServices(pdfs, options, deployment);
      const result = { ...run, cpu: cpuUseSince(before, deployment.pids()), calls: engineCalls(engine) };
      if (result.calls.chat < run.done || result.calls.embed < run.done) {
        throw new Error(
          `Section 2 did not measure the remote engine: ${run.done} documents indexed with ${result.calls.chat} chat and ${result.calls.embed} embed calls (at least one each a document expected)`,
        );
      }
      return result;
    } finally {
      await deployment.stop();
    }
  };
  try {
    const one = await measure(1);
    const two = await measure(2);
    const section = `2. scaling (${options.documents} one-page PDFs; each worker copy one document at a time; classification and embedding on a remote engine answering in ${options.engineLatencyMs} ms)`;
    const notes = [one, two].map(
      (run, i) =>
        `${i + 1} ${i === 0 ? 'copy' : 'copies'}: engine ${run.calls.chat} chat + ${run.calls.embed} embed calls, machine CPU ${Math.round(run.cpu.machineBusy * 100)} % busy, the services ${run.cpu.serviceCores.toFixed(2)} cores` +
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
    recordSteps(recorder, `${section}, where the time goes (p50)`, two.steps, one.steps ?? new Map(), '1 copy of each');
  } finally {
    await engine.close();
  }
}

interface EngineCalls {
  chat: number;
  embed: number;
}

function engineCalls(engine: FakeOllama): EngineCalls {
  return {
    chat: engine.requests.filter((request) => request.path === '/api/chat').length,
    embed: engine.requests.filter((request) => request.path === '/api/embed').length,
  };
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
