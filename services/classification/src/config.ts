import { z } from 'zod';
import { ollamaKeepAliveSchema } from '@docpipe/ollama';
import { baseConfigSchema } from '@docpipe/platform';
import { storageConfigSchema } from '@docpipe/storage';
import { documentTypesSchema } from './taxonomy';

export const configSchema = baseConfigSchema.merge(storageConfigSchema).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3103),
  /** Documents one copy of the service classifies at once (its RabbitMQ prefetch); scale out with more copies. */
  CLASSIFICATION_CONCURRENCY: z.coerce.number().int().positive().default(16),
  /** Comma-separated taxonomy; `other` is required. The offline model must know every type listed. */
  DOCUMENT_TYPES: documentTypesSchema,
  /** When set, an Ollama server classifies; otherwise (unset or empty) the offline model shipped in the repo does. */
  OLLAMA_HOST: z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional()),
  OLLAMA_MODEL: z.string().min(1).default('llama3.2'),
  OLLAMA_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** Characters of the document sent to the LLM: its context is finite and the start says most about the type. */
  /** Sent as keep_alive: how long Ollama keeps the model loaded after a call (Ollama's default is 5 minutes). */
  OLLAMA_KEEP_ALIVE: ollamaKeepAliveSchema,
  OLLAMA_MAX_CHARS: z.coerce.number().int().min(200).default(6_000),
  /** The offline model file; the one committed in services/classification/model/ when unset. */
  CLASSIFIER_MODEL_PATH: z.string().min(1).optional(),
  /**
   * How similar (cosine, 0..1) a document must be to the centroid of a type its tenant taught for that type to win. Measured
   * on eval/corpus: documents of other types reached at most 0.53 to a centroid of three documents of one type, a new
   * document of the same template as the taught ones about 0.9.
   */
  TENANT_LAYER_MIN_SIMILARITY: z.coerce.number().min(0).max(1).default(0.55),
  /** How often a replica looks for examples other replicas learned, in milliseconds. */
  TENANT_LAYER_REFRESH_MS: z.coerce.number().int().min(0).default(5_000),
});

export type ClassificationConfig = z.output<typeof configSchema>;
