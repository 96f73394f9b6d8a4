import { z } from 'zod';
import { apiKeysConfigSchema, baseConfigSchema } from '@docpipe/platform';
import { storageConfigSchema } from '@docpipe/storage';

export const configSchema = baseConfigSchema.merge(storageConfigSchema).merge(apiKeysConfigSchema).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Every upload holds about three parts in memory while it streams to the store: small parts keep many uploads cheap. */
  S3_PART_SIZE_MB: z.coerce.number().int().min(5).max(512).default(5),
  /** Largest accepted upload request body; larger ones get 413, before the body is read when Content-Length says so. */
  MAX_UPLOAD_MB: z.coerce.number().positive().max(10_240).default(100),
  /** Files one upload request may carry. */
  MAX_FILES_PER_UPLOAD: z.coerce.number().int().min(1).max(100).default(20),
  /** How long a query to another service (get, list, search…) may take before the answer is 503. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** How long ingestion may take to inspect and store one staged upload (large files take a while to copy). */
  INGEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(120_000),
  /** How often GET /documents/:id/wait looks at the document again. */
  WAIT_POLL_MS: z.coerce.number().int().min(50).max(10_000).default(500),
});

export type GatewayConfig = z.output<typeof configSchema>;

export const GATEWAY_CONFIG = Symbol('docpipe:gateway-config');
