import { resolve } from 'node:path';
import { z } from 'zod';
import {
  apiKeyListSchema,
  apiKeysConfigSchema,
  audienceWithIssuer,
  authFailuresConfigSchema,
  sharedLimitsConfigSchema,
  devKeyOnLoopbackOnly,
  baseConfigSchema,
  oidcConfigSchema,
  outboundAddressConfigSchema,
  trustedProxiesConfigSchema,
} from '@docpipe/platform';
import { storageConfigSchema } from '@docpipe/storage';

export const configSchema = baseConfigSchema
  .merge(storageConfigSchema)
  .merge(apiKeysConfigSchema)
  .merge(oidcConfigSchema)
  .merge(authFailuresConfigSchema)
  .merge(sharedLimitsConfigSchema)
  .merge(trustedProxiesConfigSchema)
  .merge(outboundAddressConfigSchema)
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /**
     * A file up to 16 MB is held whole and stored in one PUT; a longer one streams to the store in parts of this size,
     * about three in memory at a time: small parts keep many large uploads cheap.
     */
    S3_PART_SIZE_MB: z.coerce.number().int().min(5).max(512).default(5),
    /** Largest accepted upload request body; larger ones get 413, before the body is read when Content-Length says so. */
    MAX_UPLOAD_MB: z.coerce.number().positive().max(10_240).default(100),
    /** Files one upload request may carry. */
    MAX_FILES_PER_UPLOAD: z.coerce.number().int().min(1).max(100).default(20),
    /** How long a query to another service (get, list, search…) may take before the answer is 503. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** How often GET /documents/:id/wait looks at the document again. */
    WAIT_POLL_MS: z.coerce.number().int().min(50).max(10_000).default(500),
    /** Keys (same format as API_KEYS) that may use /api/v1/admin; none by default, which leaves the admin API closed. */
    ADMIN_API_KEYS: apiKeyListSchema.default(''),
    /** Requests per minute per API key or token subject (bursts up to that many). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    /** Browser origins (comma-separated, e.g. https://app.example.com) allowed to call the API cross-origin; none by default. */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((list) =>
        list
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .url()
            .refine((origin) => new URL(origin).origin === origin, 'an origin is scheme://host[:port], nothing more'),
        ),
      ),
    /** The RabbitMQ management console as people's browsers reach it, linked from the pipeline page; optional. */
    RABBITMQ_CONSOLE_URL: z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional()),
    /** How often the queue depths are sampled for the pipeline page's charts of the last hour. */
    QUEUE_SAMPLE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    /** The notification service; the gateway proxies its socket.io endpoint (/socket.io) for the web UI. */
    NOTIFICATION_URL: z.string().url().default('http://127.0.0.1:3107'),
    /** The built web UI served at /; the same path from src/ and dist/. */
    WEB_DIST_DIR: z.string().min(1).default(resolve(__dirname, '../../../web/dist')),
  })
  .superRefine((config, context) => {
    devKeyOnLoopbackOnly(config, context);
    audienceWithIssuer(config, context);
  });

export type GatewayConfig = z.output<typeof configSchema>;

export const GATEWAY_CONFIG = Symbol('docpipe:gateway-config');
