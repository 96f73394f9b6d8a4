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
import type { Recorder } from './report';
import { loadCorpus, queriesFor, TENANT, type CorpusKind } from './search-corpus';
import { describe, K, measureDefaults, measureSetting, type AnnKind, type QuerySetting } from './search-queries';
import { exactScores } from './search-recall';
import { elapsedMs, perSecond } from './stats';

export type { AnnKind } from './search-queries';
export const ANN_KINDS: readonly AnnKind[] = ['hnsw-sq', 'ivf-flat'];

export interface SearchOptions {
  chunks: number;
  corpus: CorpusKind;
  chunksPerDocument: number;
  queries: number;
  /** The ANN index kinds built and swept; the service defaults' figures need the default kind among them. */
  kinds: readonly AnnKind[];
}

const TABLE = 'bench_chunks';

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

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
