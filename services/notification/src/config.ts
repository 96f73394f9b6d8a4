import { z } from 'zod';
import {
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

// API_KEYS and the OIDC_* settings are read as the gateway reads them (both schemas live in @docpipe/platform).
export const configSchema = baseConfigSchema
  .merge(apiKeysConfigSchema)
  .merge(oidcConfigSchema)
  .merge(authFailuresConfigSchema)
  .merge(sharedLimitsConfigSchema)
  .merge(trustedProxiesConfigSchema)
  .merge(outboundAddressConfigSchema)
  .extend({
    /** Health endpoints and the socket.io server (path /socket.io) share this port. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3107),
    /** How long replaying a document's timeline may wait for the metadata service. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Subscribes one socket may send in a minute (each replays a timeline from metadata); beyond, they are refused. */
    SUBSCRIBES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    /** Tries per webhook delivery before it is abandoned (dead-lettered). */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    /** Wait after the first failed try; each further wait is 4 times longer, ×1 to ×1.5 at random (jitter). */
    WEBHOOK_RETRY_INITIAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(1_000),
    /** How long a receiver has to answer one try. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Abandoned deliveries in a row (no success between) after which an endpoint is disabled, with the reason. */
    WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).max(1_000).default(5),
    /** How often the whole active endpoint list is asked for again: what a missed webhook event can cost. */
    WEBHOOKS_REFRESH_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  })
  .superRefine((config, context) => {
    devKeyOnLoopbackOnly(config, context);
    audienceWithIssuer(config, context);
  });

export type NotificationConfig = z.output<typeof configSchema>;

export const NOTIFICATION_CONFIG = Symbol('docpipe:notification-config');
