import { z } from 'zod';
import { ollamaKeepAliveSchema } from '@docpipe/ollama';
import { baseConfigSchema } from '@docpipe/platform';
import { storageConfigSchema } from '@docpipe/storage';
import { documentTypesSchema } from './taxonomy';

export const configSchema = baseConfigSchema.merge(storageConfigSchema).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3103),
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
});

export type ClassificationConfig = z.output<typeof configSchema>;
