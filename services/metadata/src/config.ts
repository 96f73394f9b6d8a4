import { z } from 'zod';
import { baseConfigSchema } from '@docpipe/platform';

export const configSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3106),
  DATABASE_URL: z
    .string()
    .url()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// or postgresql:// URL')
    .default('postgres://postgres:postgres@127.0.0.1:5433/docpipe'),
  /** Connections in the pool: event handlers and request handlers share it. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

export type MetadataConfig = z.output<typeof configSchema>;
