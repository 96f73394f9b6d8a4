import { createEmbedder, embeddingsConfigSchema, loadGloveVectors, SifEmbedder, type Embedder } from '@docpipe/embeddings';
import { sentence } from './documents';
import type { Recorder } from './report';
import { elapsedMs, perSecond } from './stats';

export interface EmbeddingsOptions {
  chunks: number;
  batchSize: number;
}

export interface LoadedEmbedder {
  embedder: Embedder;
  loadMs: number;
}

/** The embedder indexing and search use with `env` (OFFLINE_EMBEDDER, use-sif by default), and how long it took to load. */
export async function loadServedEmbedder(env: NodeJS.ProcessEnv): Promise<LoadedEmbedder> {
  const loading = performance.now();
  const embedder = await createEmbedder(embeddingsConfigSchema.parse({ ...env, OLLAMA_HOST: '' }));
  return { embedder, loadMs: elapsedMs(loading) };
}

/**
 * The word-vector embedder alone (OFFLINE_EMBEDDER=sif): the search section fills indexes of 100,000 chunks, which
 * the sentence encoder (~100 ms a chunk on one core) would take hours to embed; ANN recall and latency depend on the
 * vectors' count and spread, not on which model made them.
 */
export async function loadWordVectorEmbedder(): Promise<Embedder> {
  return new SifEmbedder(await loadGloveVectors());
}

/** Chunks/s of the offline embedder, batched vs one text per call. */
export async function benchEmbeddings(options: EmbeddingsOptions, { embedder, loadMs }: LoadedEmbedder, recorder: Recorder): Promise<void> {
  // About the size of an indexing chunk: ~120 words.
  const chunks = Array.from({ length: options.chunks }, (_, i) => Array.from({ length: 10 }, (_, j) => sentence(i * 10 + j)).join('. '));
  await embedder.embed(chunks.slice(0, 10));

  let start = performance.now();
  for (let i = 0; i < chunks.length; i += options.batchSize) await embedder.embed(chunks.slice(i, i + options.batchSize));
  const batched = perSecond(chunks.length, elapsedMs(start));

  start = performance.now();
  for (const chunk of chunks) await embedder.embed([chunk]);
  const single = perSecond(chunks.length, elapsedMs(start));

  recorder.add({
    section: `8. embeddings (${embedder.name}, ${options.chunks} chunks of ~120 words)`,
    name: `chunks/s, batches of ${options.batchSize}`,
    unit: 'chunks/s',
    value: batched,
    baseline: { name: 'one chunk per call', value: single },
    better: 'higher',
    note: `model load ${(loadMs / 1000).toFixed(1)} s`,
  });
}
