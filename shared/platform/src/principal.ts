import { z } from 'zod';

/** What a caller may do: read a tenant's documents, change them (upload, edit, delete), or use the admin API. */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** What a tenant's API key allows: everything within its tenant. */
export const TENANT_KEY_SCOPES: readonly Scope[] = ['read', 'write'];

/** A tenant id ends up in object keys, room names and logs, so it is kept to a safe alphabet. */
export const tenantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a tenant id is 1-64 letters, digits, "-" or "_"');

/**
 * Who is calling, however they proved it (an API key or an issuer's token): the tenant whose data they reach,
 * a short id that is safe to log and to count requests by, and what they may do.
 */
export interface Principal {
  tenant: string;
  id: string;
  scopes: readonly Scope[];
  /** When the credential stops being valid (a token's expiry); API keys have none. */
  expiresAt?: Date;
  /** The key's id, for keys created at run time: what their last-used time is recorded by. */
  keyId?: string;
  /** The token's subject (`sub`), for tokens: who the audit log names. */
  subject?: string;
}

/** The outcome of checking a credential: a principal, or why it was refused (a message a person can act on). */
export type Authentication =
  | { principal: Principal }
  | {
      refused: string;
      /** Whether the failure counts against the credential's prefix too (guessable keys) or only the client's address. */
      guessable: boolean;
    };
