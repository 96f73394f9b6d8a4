import { z } from 'zod';
import { baseConfigSchema } from '@docpipe/platform';

const seconds = z.coerce
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 3600);

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3106),
  DATABASE_URL: z
    .string()
    .url()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// or postgresql:// URL')
    .default('postgres://postgres:postgres@127.0.0.1:5433/docpipe'),
  /** Connections in the pool: event handlers and request handlers share it. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Messages held unacked per queue: the most pipeline events one transaction applies (progress ticks of a
   * document in it coalesce to one write), and the requests answered at once.
   */
  EVENTS_PREFETCH: z.coerce.number().int().min(1).max(1000).default(64),
  /** How often the stall sweep looks for documents that outstayed their status's budget. */
  STALL_SWEEP_INTERVAL_SECONDS: seconds.default(30),
  /** Time budgets per status, in seconds: longer than this in one status and the document is reported stalled. */
  STALL_QUEUED_SECONDS: seconds.default(600),
  STALL_EXTRACTING_SECONDS: seconds.default(900),
  /** Also the budget of `extracted` (waiting for classification). */
  STALL_CLASSIFYING_SECONDS: seconds.default(600),
  /** Also the budget of `classified` (waiting for indexing). */
  STALL_INDEXING_SECONDS: seconds.default(900),
});

export type MetadataConfig = z.output<typeof configSchema>;
