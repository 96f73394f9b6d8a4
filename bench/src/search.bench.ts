import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '@docpipe/embeddings';
import { createLogger } from '@docpipe/platform';
import {
  lanceAnnSettings,
  lanceMaintenanceSettings,
  LanceIndex,
  searchIndexConfigSchema,
  type LanceAnnSettings,
} from '@docpipe/search-index';
// The search service's own hybrid first stage (convex score fusion), as the service runs it (a benchmark may read a
// service's sources); the feature reranker over its top chunks is not included.
import { CHUNK_COVERAGE_POWER, COVERAGE_POWER, hybridCandidates, KEYWORD_WEIGHT } from '@docpipe/search';

// The service's defaults (typo tolerance on, as SEARCH_TYPO_TOLERANCE's default).
const HYBRID = { keywordWeight: KEYWORD_WEIGHT, coveragePower: COVERAGE_POWER, chunkCoveragePower: CHUNK_COVERAGE_POWER, typos: true };
import type { Recorder } from './report';
import { loadCorpus, queriesFor, SMALL_TENANT, TENANT, type Corpus, type CorpusKind } from './search-corpus';
import { exactScores, recallAt } from './search-recall';
import { cpuMs, elapsedMs, latencies, perSecond } from './stats';

export type AnnKind = LanceAnnSettings['kind'];
export const ANN_KINDS: readonly AnnKind[] = ['hnsw-sq', 'ivf-flat'];

export interface SearchOptions {
  chunks: number;
  corpus: CorpusKind;
  chunksPerDocument: number;
  queries: number;
  /** The ANN index kinds built and swept; the service defaults' figures need the default kind among them. */
  kinds: readonly AnnKind[];
}

const K = 10;
// SEARCH_CANDIDATES' default: the chunks each engine hands to the fusion.
const CANDIDATES = 100;
const TABLE = 'bench_chunks';
type QuerySetting = Pick<LanceAnnSettings, 'ef' | 'refineFactor' | 'nprobes'>;

/** Each index kind built in turn, and the query settings tried on it: graph breadth (ef), exact re-scoring (refine), partitions (nprobes). */
const SWEEPS: Array<{ kind: AnnKind; settings: QuerySetting[] }> = [
  {
    kind: 'hnsw-sq',
    settings: [
      { ef: K, refineFactor: 0, nprobes: 1 },
      { ef: 50, refineFactor: 0, nprobes: 1 },
      { ef: 200, refineFactor: 0, nprobes: 1 },
      { ef: 200, refineFactor: 4, nprobes: 1 },
      { ef: 400, refineFactor: 10, nprobes: 1 },
      { ef: 500, refineFactor: 50, nprobes: 1 },
    ],
  },
  {
    kind: 'ivf-flat',
    settings: [
      { ef: K, refineFactor: 0, nprobes: 5 },
      { ef: K, refineFactor: 0, nprobes: 10 },
      { ef: K, refineFactor: 0, nprobes: 20 },
      { ef: K, refineFactor: 0, nprobes: 30 },
      { ef: K, refineFactor: 0, nprobes: 50 },
    ],
  },
];

/**
 * Section 5 at one size: writes the corpus as the indexing service does (background maintenance on), builds the
 * ANN index, then for each query setting prints recall@10 against exact cosine beside semantic and hybrid latency.
 */
export async function benchSearch(options: SearchOptions, embedder: Embedder, recorder: Recorder): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'docpipe-bench-lance-'));
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const defaults = searchIndexConfigSchema.parse({});
  const ann = { ...lanceAnnSettings(defaults), minRows: 256 };
  const section = `5. search (LanceDB, ${options.chunks} chunks, ${options.corpus === 'embedded' ? `${embedder.name} vectors` : 'synthetic vectors'}, ${options.queries} queries)`;
  try {
    // While loading, maintenance compacts and updates the full-text index; the ANN index is built once, after.
    const writer = await LanceIndex.open({
      directory,
      tableName: TABLE,
      dimensions: embedder.dimensions,
      ann: { ...ann, minRows: options.chunks + 1 },
      maintenance: lanceMaintenanceSettings(defaults),
      logger,
    });
    const { corpus, loadMs } = await loadCorpus(writer, embedder, options.corpus, options.chunks, options.chunksPerDocument).finally(() =>
      writer.close(),
    );
    recorder.add({
      section,
      name: `indexing, ${options.chunksPerDocument} chunks per upsert${options.corpus === 'embedded' ? ' (embedding included)' : ''}`,
      unit: 'chunks/s',
      value: perSecond(options.chunks, loadMs),
      better: 'higher',
      note: 'background maintenance on (LANCE_MAINTENANCE_ROWS), never on the write path',
    });
    const queries = await queriesFor(corpus, embedder, options.queries);
    const exact = queries.map((query) => exactScores(corpus, query.vector, TENANT, K));
    // The default kind last, so its index is the one left for the service defaults' figures.
    const sweeps = SWEEPS.filter((sweep) => options.kinds.includes(sweep.kind));
    for (const sweep of sweeps.sort((a, b) => Number(a.kind === ann.kind) - Number(b.kind === ann.kind))) {
      await measureBuild(directory, embedder.dimensions, { ...ann, kind: sweep.kind }, section, recorder);
      for (const setting of sweep.settings) {
        const reader = await LanceIndex.open({
          directory,
          tableName: TABLE,
          dimensions: embedder.dimensions,
          ann: { ...ann, kind: sweep.kind, ...setting },
          logger,
        });
        try {
          await measureSetting(reader, corpus, queries, exact, `${sweep.kind} ${describe(sweep.kind, setting)}`, section, recorder);
        } finally {
          await reader.close();
        }
      }
    }
    if (!options.kinds.includes(ann.kind)) return;
    const rssBefore = process.memoryUsage().rss;
    const reader = await LanceIndex.open({ directory, tableName: TABLE, dimensions: embedder.dimensions, ann, logger });
    try {
      await measureDefaults(reader, corpus, queries, ann, section, recorder);
      // What serving costs in memory: the open table and the index parts its queries loaded (LanceDB caches them).
      recorder.add({
        section,
        name: `memory of the open index after the defaults' queries (${ann.kind})`,
        unit: 'MiB',
        value: (process.memoryUsage().rss - rssBefore) / 2 ** 20,
        better: 'lower',
        note: 'RSS growth of the bench process from opening the table; the corpus copy the bench keeps is not in it',
      });
    } finally {
      await reader.close();
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The ANN build (plus the last full-text update and compaction) after loading: time, peak memory, size on disk. */
async function measureBuild(
  directory: string,
  dimensions: number,
  ann: LanceAnnSettings,
  section: string,
  recorder: Recorder,
): Promise<void> {
  const index = await LanceIndex.open({
    directory,
    tableName: TABLE,
    dimensions,
    ann,
    logger: createLogger({ service: 'bench', level: 'silent' }),
  });
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const start = performance.now();
  try {
    await index.optimize();
  } finally {
    clearInterval(sampler);
    await index.close();
  }
  const indexBytes = Number(
    execFileSync('du', ['-sb', join(directory, `${TABLE}.lance`, '_indices')], { encoding: 'utf8' }).split('\t')[0],
  );
  recorder.add({
    section,
    name: `ANN build (${ann.kind === 'hnsw-sq' ? `IVF_HNSW_SQ m=${ann.m} ef_construction=${ann.efConstruction}` : `IVF_FLAT, partitions of ${ann.partitionRows} rows`}) + FTS update + compaction`,
    unit: 's',
    value: elapsedMs(start) / 1000,
    better: 'lower',
    note: `peak RSS +${mib(peak - rssBefore)} MiB during the build; indexes on disk ${mib(indexBytes)} MiB`,
  });
}

async function measureSetting(
  reader: LanceIndex,
  corpus: Corpus,
  queries: Array<{ text: string; vector: Float32Array }>,
  exact: number[][],
  setting: string,
  section: string,
  recorder: Recorder,
): Promise<void> {
  const filters = { tenantId: TENANT };
  const semantic: number[] = [];
  const hybrid: number[] = [];
  const cpu = { semantic: [] as number[], hybrid: [] as number[] };
  const recalls: number[] = [];
  for (const [i, query] of queries.entries()) {
    let start = performance.now();
    let cpuStart = process.cpuUsage();
    const found = await reader.vector(query.vector, filters, K);
    semantic.push(elapsedMs(start));
    cpu.semantic.push(cpuMs(cpuStart));
    recalls.push(
      recallAt(
        corpus,
        query.vector,
        found.map((hit) => hit.chunkId),
        exact[i]!,
      ),
    );

    start = performance.now();
    cpuStart = process.cpuUsage();
    const [keyword, vector] = await Promise.all([
      reader.keyword(query.text, filters, CANDIDATES),
      reader.vector(query.vector, filters, CANDIDATES),
    ]);
    hybridCandidates(query.text, keyword, vector, HYBRID);
    hybrid.push(elapsedMs(start));
    cpu.hybrid.push(cpuMs(cpuStart));
  }
  const s = latencies(semantic);
  const h = latencies(hybrid);
  const sc = latencies(cpu.semantic);
  const hc = latencies(cpu.hybrid);
  recorder.add({
    section,
    name: `recall@10, ${setting}`,
    unit: '',
    value: mean(recalls),
    baseline: { name: 'exact (brute-force cosine)', value: 1 },
    better: 'higher',
    // CPU time per query (all threads) beside wall time: on a loaded machine the wall time is mostly waiting for a core.
    note: `semantic p50/p99 ${ms(s.p50)}/${ms(s.p99)} ms (CPU ${ms(sc.p50)}/${ms(sc.p99)} ms), hybrid p50/p99 ${ms(h.p50)}/${ms(h.p99)} ms (CPU ${ms(hc.p50)}/${ms(hc.p99)} ms)`,
  });
}

/** The service defaults: keyword/semantic/hybrid latency beside brute force, and recall for a tenant with 1 % of the chunks. */
async function measureDefaults(
  reader: LanceIndex,
  corpus: Corpus,
  queries: Array<{ text: string; vector: Float32Array }>,
  ann: LanceAnnSettings,
  section: string,
  recorder: Recorder,
): Promise<void> {
  const timings = { keyword: [] as number[], semantic: [] as number[], hybrid: [] as number[], exact: [] as number[] };
  const cpu = { keyword: [] as number[], semantic: [] as number[], hybrid: [] as number[] };
  const smallRecalls: number[] = [];
  const smallTimings: number[] = [];
  for (const query of queries) {
    const filters = { tenantId: TENANT };
    let start = performance.now();
    let cpuStart = process.cpuUsage();
    await reader.keyword(query.text, filters, K);
    timings.keyword.push(elapsedMs(start));
    cpu.keyword.push(cpuMs(cpuStart));

    start = performance.now();
    cpuStart = process.cpuUsage();
    await reader.vector(query.vector, filters, K);
    timings.semantic.push(elapsedMs(start));
    cpu.semantic.push(cpuMs(cpuStart));

    start = performance.now();
    cpuStart = process.cpuUsage();
    const [keyword, vector] = await Promise.all([
      reader.keyword(query.text, filters, CANDIDATES),
      reader.vector(query.vector, filters, CANDIDATES),
    ]);
    hybridCandidates(query.text, keyword, vector, HYBRID);
    timings.hybrid.push(elapsedMs(start));
    cpu.hybrid.push(cpuMs(cpuStart));

    start = performance.now();
    exactScores(corpus, query.vector, TENANT, K);
    timings.exact.push(elapsedMs(start));

    start = performance.now();
    const small = await reader.vector(query.vector, { tenantId: SMALL_TENANT }, K);
    smallTimings.push(elapsedMs(start));
    const smallExact = exactScores(corpus, query.vector, SMALL_TENANT, K);
    smallRecalls.push(
      recallAt(
        corpus,
        query.vector,
        small.map((hit) => hit.chunkId),
        smallExact,
      ),
    );
  }
  const setting = `defaults: ${ann.kind} ${describe(ann.kind, ann)}`;
  const exact = latencies(timings.exact);
  for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
    const { p50, p99 } = latencies(timings[mode]);
    const work = latencies(cpu[mode]);
    // Semantic search has a plain baseline: every vector of the tenant compared in a JS loop (no index).
    const baseline = (value: number) => (mode === 'semantic' ? { baseline: { name: 'brute-force cosine in JS', value } } : {});
    const fusion = mode === 'hybrid' ? `, convex fusion of ${CANDIDATES}+${CANDIDATES}` : '';
    const note = (value: number) => ({ note: `CPU ${ms(value)} ms (all threads)` });
    recorder.add({
      section,
      name: `${mode} p50 (${setting}${fusion})`,
      unit: 'ms',
      value: p50,
      ...baseline(exact.p50),
      better: 'lower',
      ...note(work.p50),
    });
    recorder.add({
      section,
      name: `${mode} p99 (${setting}${fusion})`,
      unit: 'ms',
      value: p99,
      ...baseline(exact.p99),
      better: 'lower',
      ...note(work.p99),
    });
  }
  const small = latencies(smallTimings);
  recorder.add({
    section,
    name: `recall@10 of a tenant with 1 % of the chunks (pre-filtered, ${setting})`,
    unit: '',
    value: mean(smallRecalls),
    baseline: { name: 'exact (brute-force cosine)', value: 1 },
    better: 'higher',
    // A filter leaving few rows is searched exactly through the tenant index (lance-vector-plan.ts): its cost shows here.
    note: `its semantic p50/p99 ${ms(small.p50)}/${ms(small.p99)} ms`,
  });
}

function describe(kind: AnnKind, setting: QuerySetting): string {
  const refine = setting.refineFactor > 0 ? ` refine_factor=${setting.refineFactor}` : '';
  return kind === 'hnsw-sq' ? `ef=${setting.ef}${refine}` : `nprobes=${setting.nprobes}`;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function ms(value: number): string {
  return value.toFixed(1);
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
