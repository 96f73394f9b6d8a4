import { z } from 'zod';
import {
  apiKeysConfigSchema,
  audienceWithIssuer,
  authFailuresConfigSchema,
  devKeyOnLoopbackOnly,
  baseConfigSchema,
  oidcConfigSchema,
  trustedProxiesConfigSchema,
} from '@docpipe/platform';

// API_KEYS and the OIDC_* settings are read as the gateway reads them (both schemas live in @docpipe/platform).
export const configSchema = baseConfigSchema
  .merge(apiKeysConfigSchema)
  .merge(oidcConfigSchema)
  .merge(authFailuresConfigSchema)
  .merge(trustedProxiesConfigSchema)
  .extend({
    /** Health endpoints and the socket.io server (path /socket.io) share this port. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3107),
    /** How long replaying a document's timeline may wait for the metadata service. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Subscribes one socket may send in a minute (each replays a timeline from metadata); beyond, they are refused. */
    SUBSCRIBES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  })
  .superRefine((config, context) => {
    devKeyOnLoopbackOnly(config, context);
    audienceWithIssuer(config, context);
  });

export type NotificationConfig = z.output<typeof configSchema>;

export const NOTIFICATION_CONFIG = Symbol('docpipe:notification-config');
