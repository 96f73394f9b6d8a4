import type { Embedder } from './embedder';
import type { EmbeddingsConfig } from './embeddings.config';
import { OllamaEmbedder } from './ollama.embedder';
import { SifEmbedder } from './sif.embedder';
import { loadGloveVectors } from './word-vectors';

/** Ollama when OLLAMA_HOST is set, else the offline model. */
export async function createEmbedder(config: EmbeddingsConfig): Promise<Embedder> {
  if (config.OLLAMA_HOST) {
    return new OllamaEmbedder({
      host: config.OLLAMA_HOST,
      model: config.OLLAMA_EMBED_MODEL,
      dimensions: config.OLLAMA_EMBED_DIMENSIONS,
      batchSize: config.EMBED_BATCH_SIZE,
    });
  }
  return new SifEmbedder(await loadGloveVectors(config.EMBEDDINGS_CACHE_DIR));
}
