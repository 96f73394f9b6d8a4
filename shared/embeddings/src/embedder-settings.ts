import { z } from 'zod';
import { AppError } from '@docpipe/platform';
import type { EmbeddingsConfig } from './embeddings.config';

/**
 * Which engine and model made an index's vectors: what another process needs to embed queries the same way. It names
 * no host and no secret, so it can be stored beside the index; the Ollama server comes from the reader's OLLAMA_HOST.
 */
export const embedderSettingsSchema = z.discriminatedUnion('engine', [
  z.object({ engine: z.literal('ollama'), model: z.string().min(1), dimensions: z.number().int().positive() }),
  z.object({ engine: z.enum(['use-sif', 'use', 'sif']) }),
]);

export type EmbedderSettings = z.output<typeof embedderSettingsSchema>;

/** The settings this configuration's embedder (createEmbedder) is made with. */
export function embedderSettingsOf(config: EmbeddingsConfig): EmbedderSettings {
  if (config.OLLAMA_HOST) return { engine: 'ollama', model: config.OLLAMA_EMBED_MODEL, dimensions: config.OLLAMA_EMBED_DIMENSIONS };
  return { engine: config.OFFLINE_EMBEDDER };
}

/** This configuration changed to make the embedder `settings` describe (stored with an index by another process). */
export function configForSettings<C extends EmbeddingsConfig>(config: C, stored: unknown): C {
  const parsed = embedderSettingsSchema.safeParse(stored);
  if (!parsed.success) {
    throw new AppError('embedder_settings_invalid', `The index's stored embedder settings are not understood: ${parsed.error.message}`);
  }
  const settings = parsed.data;
  if (settings.engine !== 'ollama') return { ...config, OLLAMA_HOST: undefined, OFFLINE_EMBEDDER: settings.engine };
  if (!config.OLLAMA_HOST) {
    throw new AppError(
      'embedder_unavailable',
      `The index being served was embedded by Ollama model ${settings.model}: keep OLLAMA_HOST set until re-embedding has switched the alias to the new index`,
    );
  }
  return { ...config, OLLAMA_EMBED_MODEL: settings.model, OLLAMA_EMBED_DIMENSIONS: settings.dimensions };
}
