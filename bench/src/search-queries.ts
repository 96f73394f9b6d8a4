import type { LanceAnnSettings, LanceIndex } from '@docpipe/search-index';
// The search service's own hybrid first stage (convex score fusion), as the service runs it (a benchmark may read a
// service's sources); the feature reranker over its top chunks is not included.
import { CHUNK_COVERAGE_POWER, COVERAGE_POWER, hybridCandidates, KEYWORD_WEIGHT } from '@docpipe/search';
import type { Recorder } from './report';
import { SMALL_TENANT, TENANT, type Corpus } from './search-corpus';
import { exactScores, recallAt } from './search-recall';
import { cpuMs, elapsedMs, latencies } from './stats';

// The service's defaults (typo tolerance on, as SEARCH_TYPO_TOLERANCE's default).
const HYBRID = { keywordWeight: KEYWORD_WEIGHT, coveragePower: COVERAGE_POWER, chunkCoveragePower: CHUNK_COVERAGE_POWER, typos: true };
export const K = 10;
// SEARCH_CANDIDATES' default: the chunks each engine hands to the fusion.
const CANDIDATES = 100;

export type AnnKind = LanceAnnSettings['kind'];
export type QuerySetting = Pick<LanceAnnSettings, 'ef' | 'refineFactor' | 'nprobes'>;
export type Query = { text: string; vector: Float32Array };

/** One query setting: recall@10 of the big tenant against exact cosine, beside semantic and hybrid latency and CPU. */
export async function measureSetting(
  reader: LanceIndex,
  corpus: Corpus,
  queries: Query[],
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
export async function measureDefaults(
  reader: LanceIndex,
  corpus: Corpus,
  queries: Query[],
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
    const wall = latencies(timings[mode]);
    const work = latencies(cpu[mode]);
    // Semantic search has a plain baseline: every vector of the tenant compared in a JS loop (no index).
    const baseline = (value: number) => (mode === 'semantic' ? { baseline: { name: 'brute-force cosine in JS', value } } : {});
    const fusion = mode === 'hybrid' ? `, convex fusion of ${CANDIDATES}+${CANDIDATES}` : '';
    for (const percentile of ['p50', 'p99'] as const) {
      recorder.add({
        section,
        name: `${mode} ${percentile} (${setting}${fusion})`,
        unit: 'ms',
        value: wall[percentile],
        ...baseline(exact[percentile]),
        better: 'lower',
        note: `CPU ${ms(work[percentile])} ms (all threads)`,
      });
    }
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

export function describe(kind: AnnKind, setting: QuerySetting): string {
  const refine = setting.refineFactor > 0 ? ` refine_factor=${setting.refineFactor}` : '';
  return kind === 'hnsw-sq' ? `ef=${setting.ef}${refine}` : `nprobes=${setting.nprobes}`;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function ms(value: number): string {
  return value.toFixed(1);
}
