import { z } from 'zod';
import { GO_DURATION } from './ollama-api';

/** How long Ollama keeps a model loaded after a request: without it the model unloads after 5 idle minutes. */
export const ollamaKeepAliveSchema = z
  .string()
  .regex(GO_DURATION, 'must be a duration Ollama understands, e.g. "30m", "2h" or "-1m" (keep loaded); "0" unloads at once')
  .default('30m');
