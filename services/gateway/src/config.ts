import { z } from 'zod';
import { baseConfigSchema } from '@docpipe/platform';
import { storageConfigSchema } from '@docpipe/storage';

/** A tenant id ends up in object keys and logs, so it is kept to a safe alphabet. */
const tenantId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a tenant id is 1-64 letters, digits, "-" or "_"');
const apiKey = z.string().regex(/^[^\s:,]{6,256}$/, 'an API key is 6-256 characters without spaces, ":" or ","');

/**
 * Interim authentication until real identities exist: `tenant:key` pairs separated by commas.
 * The default `default:dev-key` is for local development only; set API_KEYS in every shared deployment.
 */
export const DEV_API_KEYS = 'default:dev-key';

const apiKeys = z
  .string()
  .transform((list) => list.split(',').map((pair) => pair.trim()).filter(Boolean))
  .pipe(
    z
      .array(
        z.string().transform((pair, context) => {
          const [tenant = '', key = '', ...rest] = pair.split(':');
          const parsed = z.object({ tenant: tenantId, key: apiKey }).safeParse({ tenant, key });
          if (rest.length === 0 && parsed.success) return parsed.data;
          context.addIssue({ code: z.ZodIssueCode.custom, message: `"${pair.split(':')[0]}:…" must be tenant:key (${parsed.error?.issues[0]?.message ?? 'one ":" only'})` });
          return z.NEVER;
        }),
      )
      .min(1),
  );

export const configSchema = baseConfigSchema.merge(storageConfigSchema).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Every upload holds about three parts in memory while it streams to the store: small parts keep many uploads cheap. */
  S3_PART_SIZE_MB: z.coerce.number().int().min(5).max(512).default(5),
  API_KEYS: apiKeys.default(DEV_API_KEYS),
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
