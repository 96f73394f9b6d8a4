import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isolatedVhost, stackEnv, startStack } from '@docpipe/stack';
import { startDeployment } from './deployment';
import { benchEmbeddings, loadServedEmbedder, loadWordVectorEmbedder, type LoadedEmbedder } from './embeddings.bench';
import { benchEventBackbone } from './event-backbone.bench';
import { benchExtraction } from './extraction.bench';
import { benchHalfLoad } from './half-load.bench';
import { benchPipeline, type PipelineMeasured } from './pipeline.bench';
import { benchProgress } from './progress.bench';
import { Recorder } from './report';
import { benchScaling } from './scaling.bench';
import { ANN_KINDS, benchSearch, type AnnKind } from './search.bench';
import { benchUploads } from './upload.bench';

// Every size has a flag and an environment variable (BENCH_<FLAG>); defaults keep a run under 10 minutes on 2 cores.
const { values } = parseArgs({
  options: {
    only: { type: 'string', default: process.env.BENCH_ONLY ?? '3,6,7,8,5,1,9,2,4' },
    docs: { type: 'string', default: process.env.BENCH_DOCS ?? '500' },
    messages: { type: 'string', default: process.env.BENCH_MESSAGES ?? '5000' },
    'socket-clients': { type: 'string', default: process.env.BENCH_SOCKET_CLIENTS ?? '1000' },
    'progress-events': { type: 'string', default: process.env.BENCH_PROGRESS_EVENTS ?? '100' },
    'search-chunks': { type: 'string', default: process.env.BENCH_SEARCH_CHUNKS ?? '10000,100000' },
    // Synthetic vectors at scale (e.g. 1000000): off by default, a 1M run takes the better part of an hour on 2 cores.
    'search-scale-chunks': { type: 'string', default: process.env.BENCH_SEARCH_SCALE_CHUNKS ?? '' },
    // ANN index kinds section 5 builds and sweeps (hnsw-sq,ivf-flat); a scale run can skip the one already ruled out.
    'search-kinds': { type: 'string', default: process.env.BENCH_SEARCH_KINDS ?? 'hnsw-sq,ivf-flat' },
    // The sentence encoder embeds ~10 chunks/s on one core: 2,000 would take minutes per pass.
    'embed-chunks': { type: 'string', default: process.env.BENCH_EMBED_CHUNKS ?? '200' },
    'ocr-pages': { type: 'string', default: process.env.BENCH_OCR_PAGES ?? '3' },
    'small-uploads': { type: 'string', default: process.env.BENCH_SMALL_UPLOADS ?? '40' },
    'large-uploads': { type: 'string', default: process.env.BENCH_LARGE_UPLOADS ?? '16' },
    'half-load-s': { type: 'string', default: process.env.BENCH_HALF_LOAD_S ?? '60' },
    'pipeline-timeout-s': { type: 'string', default: process.env.BENCH_PIPELINE_TIMEOUT_S ?? '300' },
    // Section 2's remote engine: ~500 ms is a small model's answer to a page-long prompt on a GPU server.
    'engine-latency-ms': { type: 'string', default: process.env.BENCH_ENGINE_LATENCY_MS ?? '500' },
  },
});
const sections = new Set(values.only.split(',').map((section) => section.trim()));
const counts = (name: keyof typeof values): number[] =>
  (values[name] === '' ? [] : values[name].split(',')).map((text) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} (BENCH_${name.toUpperCase().replace(/-/g, '_')}) must be positive integers, not "${values[name]}"`);
    return value;
  });
const count = (name: keyof typeof values): number => counts(name)[0]!;

function annKinds(text: string): AnnKind[] {
  const kinds = text.split(',').map((kind) => kind.trim());
  const unknown = kinds.filter((kind) => !ANN_KINDS.includes(kind as AnnKind));
  if (kinds.length === 0 || unknown.length > 0)
    throw new Error(`--search-kinds (BENCH_SEARCH_KINDS) lists ANN index kinds from ${ANN_KINDS.join(', ')}, not "${text}"`);
  return kinds as AnnKind[];
}

async function main(): Promise<void> {
  const options = {
    sections: [...sections],
    docs: count('docs'),
    messages: count('messages'),
    socketClients: count('socket-clients'),
    progressEvents: count('progress-events'),
    searchChunks: counts('search-chunks'),
    searchScaleChunks: counts('search-scale-chunks'),
    searchKinds: annKinds(values['search-kinds']),
    embedChunks: count('embed-chunks'),
    ocrPages: count('ocr-pages'),
    smallUploads: count('small-uploads'),
    largeUploads: count('large-uploads'),
    halfLoadS: count('half-load-s'),
    pipelineTimeoutS: count('pipeline-timeout-s'),
  };
  const recorder = new Recorder(options);
  const dataDir = await mkdtemp(join(tmpdir(), 'docpipe-bench-stack-'));
  const log = (message: string) => process.stderr.write(`${message}\n`);
  // Servers named in RABBITMQ_URL, DATABASE_URL and S3_* are used; the others start on free ports.
  const stack = await startStack({ dataDir, ports: 'random', log });
  const env = { ...process.env, ...stackEnv(stack.endpoints) };
  let served: LoadedEmbedder | undefined;
  try {
    if (sections.has('3')) {
      const vhost = await isolatedVhost('bench', env);
      await benchEventBackbone({ rabbitmqUrl: vhost.url, messages: options.messages, inFlight: 1000, prefetch: 16 }, recorder).finally(() =>
        vhost.remove(),
      );
    }
    if (sections.has('6')) await benchProgress({ clients: options.socketClients, events: options.progressEvents }, env, recorder);
    if (sections.has('7')) await benchExtraction({ pages: 50, passes: 3, ocrPages: options.ocrPages }, recorder);
    if (sections.has('5')) {
      const wordVectors = await loadWordVectorEmbedder();
      for (const chunks of options.searchChunks)
        await benchSearch(
          { chunks, corpus: 'embedded', chunksPerDocument: 100, queries: 100, kinds: options.searchKinds },
          wordVectors,
          recorder,
        );
      for (const chunks of options.searchScaleChunks)
        await benchSearch(
          { chunks, corpus: 'synthetic', chunksPerDocument: 1000, queries: 100, kinds: options.searchKinds },
          wordVectors,
          recorder,
        );
    }
    // What indexing and search embed with on this configuration (the sentence encoder and word vectors by default).
    if (['8', '1', '9'].some((section) => sections.has(section))) served = await loadServedEmbedder(env);
    if (sections.has('8') && served) await benchEmbeddings({ chunks: options.embedChunks, batchSize: 32 }, served, recorder);
    const pipeline = { documents: options.docs, clients: 8, timeoutMs: options.pipelineTimeoutS * 1000 };
    let oneCopy: PipelineMeasured | undefined;
    if (['1', '4', '9'].some((section) => sections.has(section))) {
      log('starting the eight services…');
      const deployment = await startDeployment(env);
      try {
        // Half load runs at half the capacity section 1 measures, so 9 implies 1.
        if (['1', '9'].some((section) => sections.has(section)) && served) {
          oneCopy = await benchPipeline(pipeline, deployment, served.embedder, recorder);
        }
        if (sections.has('9') && oneCopy !== undefined)
          await benchHalfLoad(
            {
              capacityPerMinute: oneCopy.docsPerMinute,
              loopSteps: oneCopy.loopSteps,
              windowS: options.halfLoadS,
              timeoutMs: pipeline.timeoutMs,
            },
            deployment,
            recorder,
          );
        if (sections.has('4'))
          await benchUploads(
            { clients: 8, smallUploads: options.smallUploads, largeUploads: options.largeUploads },
            deployment,
            env,
            recorder,
          );
      } finally {
        await deployment.stop();
      }
    }
    if (sections.has('2')) {
      log('starting the services with one, then two copies of each worker…');
      // At most 100 documents: a copy waits ~3 engine answers a document, so 500 would take minutes per deployment.
      await benchScaling(
        { ...pipeline, documents: Math.min(pipeline.documents, 100), engineLatencyMs: count('engine-latency-ms') },
        env,
        recorder,
      );
    }
  } finally {
    const paths = await recorder.write(join(__dirname, '..', 'results'));
    log(`wrote ${paths.join(' and ')}`);
    await served?.embedder.close();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
