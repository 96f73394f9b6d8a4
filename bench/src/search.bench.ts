import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosineSimilarity, type Embedder } from '@docpipe/embeddings';
import { createLogger } from '@docpipe/platform';
import { LanceIndex, type IndexedChunk, type SearchFilters } from '@docpipe/search-index';
// The search service's fusion, measured as the service runs it (a benchmark may read a service's sources).
import { reciprocalRankFusion } from '@docpipe/search';
import { sentence } from './documents';
import type { Recorder } from './report';
import { elapsedMs, latencies, perSecond } from './stats';

export interface SearchOptions {
  chunks: number;
  chunksPerDocument: number;
  queries: number;
}

const TENANT = 'bench';
const K = 10;

/** Keyword / semantic / hybrid latency on an embedded LanceDB table, and recall@10 of its ANN index vs exact search. */
export async function benchSearch(options: SearchOptions, embedder: Embedder, recorder: Recorder): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'docpipe-bench-lance-'));
  const logger = createLogger({ service: 'bench', level: 'silent' });
  // ANN from 256 rows so it exists at this size; optimization only once, after loading, as a quiet writer would.
  const index = await LanceIndex.open({
    directory,
    tableName: 'bench_chunks',
    dimensions: embedder.dimensions,
    annMinRows: 256,
    optimizeEvery: 1_000_000,
    logger,
  });
  const section = `5. search (LanceDB, ${options.chunks} chunks, ${options.queries} queries)`;
  try {
    const vectors = new Map<string, Float32Array>();
    const loadMs = await load(index, embedder, options, vectors);
    recorder.add({
      section,
      name: `indexing, ${options.chunksPerDocument} chunks per upsert (embedding included)`,
      unit: 'chunks/s',
      value: perSecond(options.chunks, loadMs),
      better: 'higher',
    });
    const optimizing = performance.now();
    await index.optimize();
    recorder.add({ section, name: 'optimize (ANN + FTS build)', unit: 's', value: elapsedMs(optimizing) / 1000, better: 'lower' });

    const filters: SearchFilters = { tenantId: TENANT };
    const queries = Array.from({ length: options.queries }, (_, i) => sentence(900_000 + i, 5));
    const timings = { keyword: [] as number[], semantic: [] as number[], hybrid: [] as number[], exact: [] as number[] };
    const recalls: number[] = [];
    for (const query of queries) {
      let start = performance.now();
      await index.keyword(query, filters, K);
      timings.keyword.push(elapsedMs(start));

      start = performance.now();
      const [vector] = await embedder.embed([query]);
      const ann = await index.vector(vector!, filters, K);
      timings.semantic.push(elapsedMs(start));

      start = performance.now();
      const [again] = await embedder.embed([query]);
      const [keyword, semantic] = await Promise.all([index.keyword(query, filters, K * 4), index.vector(again!, filters, K * 4)]);
      reciprocalRankFusion([keyword, semantic], (hit) => hit.chunkId).slice(0, K);
      timings.hybrid.push(elapsedMs(start));

      start = performance.now();
      const exact = exactTop(vector!, vectors);
      timings.exact.push(elapsedMs(start));
      recalls.push(
        recallAt(
          ann.map((hit) => hit.chunkId),
          exact,
          vector!,
          vectors,
        ),
      );
    }
    const exact = latencies(timings.exact);
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      const { p50, p99 } = latencies(timings[mode]);
      // Semantic search has a plain baseline: every vector compared in a JS loop (no filter, no index).
      const baseline = (value: number) => (mode === 'semantic' ? { baseline: { name: 'brute-force cosine in JS', value } } : {});
      recorder.add({ section, name: `${mode} p50`, unit: 'ms', value: p50, ...baseline(exact.p50), better: 'lower' });
      recorder.add({ section, name: `${mode} p99`, unit: 'ms', value: p99, ...baseline(exact.p99), better: 'lower' });
    }
    recorder.add({
      section,
      name: 'recall@10 of the ANN index',
      unit: '',
      value: recalls.reduce((sum, value) => sum + value, 0) / recalls.length,
      baseline: { name: 'exact (brute-force cosine)', value: 1 },
      better: 'higher',
    });
  } finally {
    await index.close();
    await rm(directory, { recursive: true, force: true });
  }
}

async function load(index: LanceIndex, embedder: Embedder, options: SearchOptions, vectors: Map<string, Float32Array>): Promise<number> {
  const start = performance.now();
  const createdAt = new Date().toISOString();
  for (let first = 0; first < options.chunks; first += options.chunksPerDocument) {
    const documentId = `doc-${first / options.chunksPerDocument}`;
    const texts = Array.from({ length: Math.min(options.chunksPerDocument, options.chunks - first) }, (_, i) =>
      Array.from({ length: 8 }, (_, j) => sentence((first + i) * 8 + j)).join('. '),
    );
    const embedded = await embedder.embed(texts);
    const chunks: IndexedChunk[] = texts.map((text, ordinal) => ({
      chunkId: `${documentId}:${ordinal}`,
      tenantId: TENANT,
      documentId,
      ordinal,
      page: 1,
      text,
      vector: embedded[ordinal]!,
      documentType: null,
      tags: [],
      fileName: `${documentId}.pdf`,
      createdAt,
      pipeline: { extractor: 'bench@1', chunker: 'bench@1', embedder: `${embedder.name}@${embedder.version}` },
    }));
    chunks.forEach((chunk) => vectors.set(chunk.chunkId, chunk.vector!));
    await index.upsertDocumentChunks(TENANT, documentId, chunks);
  }
  return elapsedMs(start);
}

function exactTop(query: Float32Array, vectors: Map<string, Float32Array>): number[] {
  return [...vectors.values()]
    .map((vector) => cosineSimilarity(query, vector))
    .sort((a, b) => b - a)
    .slice(0, K);
}

/**
 * Share of the true top K the ANN found. The generated corpus has many equal similarities, so a hit counts
 * when it is as similar as the K-th exact one (a tie), not only when it is the same chunk.
 */
function recallAt(found: string[], exactScores: number[], query: Float32Array, vectors: Map<string, Float32Array>): number {
  const threshold = exactScores[exactScores.length - 1]! - 1e-6;
  const good = found.filter((id) => cosineSimilarity(query, vectors.get(id)!) >= threshold).length;
  return Math.min(good, exactScores.length) / exactScores.length;
}
