import { z } from 'zod';
import { apiKeyScopeSchema } from '../events/api-key-events';

/**
 * Who a request's API key or token is, as GET /api/v1/me answers it: what a client (the web UI) needs to show only
 * what the credential opens, without probing a route to find out.
 */
export const sessionViewSchema = z.object({
  /** The tenant whose documents the credential reaches. */
  tenantId: z.string(),
  /** The short id the gateway counts and logs the caller's requests by (never the key itself). */
  principalId: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  /** Whether the installation's admin routes open to it: /api/v1/admin/* (every tenant's keys, the pipeline, dead letters, the audit log). */
  admin: z.boolean(),
  /** Whether its tenant's own administration opens to it: the webhooks (/api/v1/webhooks). */
  tenantAdmin: z.boolean(),
  /** When the key or token stops being valid; null when it does not expire. */
  expiresAt: z.string().datetime().nullable(),
});
export type SessionView = z.output<typeof sessionViewSchema>;
