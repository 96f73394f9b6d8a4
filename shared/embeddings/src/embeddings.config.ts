import { z } from 'zod';

// An empty variable means "not set", as in a compose file that passes OLLAMA_HOST through unset.
const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional());

export const embeddingsConfigSchema = z.object({
  /** When set, embeddings come from this Ollama server; otherwise from the offline model OFFLINE_EMBEDDER. */
  OLLAMA_HOST: optionalUrl,
  OLLAMA_EMBED_MODEL: z.string().min(1).default('nomic-embed-text'),
  OLLAMA_EMBED_DIMENSIONS: z.coerce.number().int().positive().default(768),
  EMBED_BATCH_SIZE: z.coerce.number().int().min(1).max(512).default(32),
  /** The offline model: `use` the Universal Sentence Encoder lite (512-d), `sif` the faster GloVe word-vector model (100-d). */
  OFFLINE_EMBEDDER: z.enum(['use', 'sif']).default('use'),
  /** Worker threads the sentence encoder runs in (each holds its own ~300 MB copy of the model). */
  EMBED_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  /** Where the offline model keeps its binary copy of the word vectors (default: node_modules/.cache). */
  EMBEDDINGS_CACHE_DIR: z.string().min(1).optional(),
});

export type EmbeddingsConfig = z.output<typeof embeddingsConfigSchema>;
