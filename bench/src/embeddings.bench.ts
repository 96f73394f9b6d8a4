import { loadGloveVectors, SifEmbedder, type Embedder } from '@docpipe/embeddings';
import { sentence } from './documents';
import type { Recorder } from './report';
import { elapsedMs, perSecond } from './stats';

export interface EmbeddingsOptions {
  chunks: number;
  batchSize: number;
}

/** The offline embedder the services use when no OLLAMA_HOST is set, and how long it took to load. */
export async function loadOfflineEmbedder(): Promise<{ embedder: SifEmbedder; loadMs: number }> {
  const loading = performance.now();
  const embedder = new SifEmbedder(await loadGloveVectors());
  return { embedder, loadMs: elapsedMs(loading) };
}

/** Chunks/s of the offline embedder, batched vs one text per call. */
export async function benchEmbeddings(
  options: EmbeddingsOptions,
  { embedder, loadMs }: { embedder: Embedder; loadMs: number },
  recorder: Recorder,
): Promise<void> {
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
