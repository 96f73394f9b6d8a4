import type { Logger } from '@docpipe/platform';
import type { Embedder } from './embedder';
import type { EmbeddingsConfig } from './embeddings.config';
import { EnsembleEmbedder } from './ensemble.embedder';
import { OllamaEmbedder } from './ollama.embedder';
import { SifEmbedder } from './sif.embedder';
import { UseEmbedder } from './use.embedder';
import { loadGloveVectors } from './word-vectors';

// Measured here on 32 paragraphs: 8 texts a call beat 1 (per-call overhead) and 32 (every text padded to the longest).
const USE_BATCH_SIZE = 8;

/** Ollama when OLLAMA_HOST is set, else the offline model OFFLINE_EMBEDDER (the sentence encoder and the word vectors together by default). */
export async function createEmbedder(config: EmbeddingsConfig, logger?: Logger): Promise<Embedder> {
  if (config.OLLAMA_HOST) {
    return new OllamaEmbedder({
      host: config.OLLAMA_HOST,
      model: config.OLLAMA_EMBED_MODEL,
      dimensions: config.OLLAMA_EMBED_DIMENSIONS,
      batchSize: config.EMBED_BATCH_SIZE,
      timeoutMs: config.OLLAMA_EMBED_TIMEOUT_MS,
      keepAlive: config.OLLAMA_KEEP_ALIVE,
      logger,
    });
  }
  if (config.OFFLINE_EMBEDDER === 'sif') return new SifEmbedder(await loadGloveVectors(config.EMBEDDINGS_CACHE_DIR));
  const encoder = new UseEmbedder({ workers: config.EMBED_WORKERS, batchSize: Math.min(config.EMBED_BATCH_SIZE, USE_BATCH_SIZE) });
  // Fail at start, with the reason, rather than on the first document.
  try {
    await encoder.ready();
    if (config.OFFLINE_EMBEDDER === 'use') return encoder;
    return new EnsembleEmbedder(encoder, new SifEmbedder(await loadGloveVectors(config.EMBEDDINGS_CACHE_DIR)));
  } catch (error) {
    await encoder.close();
    throw error;
  }
}
