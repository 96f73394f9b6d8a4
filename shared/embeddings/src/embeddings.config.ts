import { z } from 'zod';
import { ollamaKeepAliveSchema } from '@docpipe/ollama';

// An empty variable means "not set", as in a compose file that passes OLLAMA_HOST through unset.
const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional());

export const embeddingsConfigSchema = z.object({
  /** When set, embeddings come from this Ollama server; otherwise from the offline model OFFLINE_EMBEDDER. */
  OLLAMA_HOST: optionalUrl,
  OLLAMA_EMBED_MODEL: z.string().min(1).default('nomic-embed-text'),
  OLLAMA_EMBED_DIMENSIONS: z.coerce.number().int().positive().default(768),
  /** Each /api/embed call is abandoned after this long; a cold start loads the model first. */
  OLLAMA_EMBED_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  /** Sent as keep_alive: how long Ollama keeps the models loaded after a call (Ollama's default is 5 minutes). */
  OLLAMA_KEEP_ALIVE: ollamaKeepAliveSchema,
  EMBED_BATCH_SIZE: z.coerce.number().int().min(1).max(512).default(32),
  /**
   * The offline model: `use-sif` the Universal Sentence Encoder lite and the GloVe word-vector model side by side (612-d),
   * `use` the sentence encoder alone (512-d; what the container images ship), `sif` the word vectors alone (100-d, fastest).
   */
  OFFLINE_EMBEDDER: z.enum(['use-sif', 'use', 'sif']).default('use-sif'),
  /** Worker threads the sentence encoder runs in (each holds its own ~300 MB copy of the model). */
  EMBED_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  /** Where the offline model keeps its binary copy of the word vectors (default: node_modules/.cache). */
  EMBEDDINGS_CACHE_DIR: z.string().min(1).optional(),
});

export type EmbeddingsConfig = z.output<typeof embeddingsConfigSchema>;
