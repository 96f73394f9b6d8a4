import { z } from 'zod';
import { apiKeysConfigSchema, baseConfigSchema } from '@docpipe/platform';

// API_KEYS is parsed as the gateway parses it (copied from services/gateway/src/config.ts until it moves to shared/).
export const configSchema = baseConfigSchema.merge(apiKeysConfigSchema).extend({
  /** Health endpoints and the socket.io server (path /socket.io) share this port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3107),
  /** How long replaying a document's timeline may wait for the metadata service. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type NotificationConfig = z.output<typeof configSchema>;

export const NOTIFICATION_CONFIG = Symbol('docpipe:notification-config');
