import { z } from 'zod';
import { apiKeyScopeSchema } from '../events/api-key-events';
import { defineRequest } from '../request';

const tenantId = z.string().min(1);

/** A key as admins see it: never the key or its hash, only its first characters to recognise it. */
export const apiKeyViewSchema = z.object({
  keyId: z.string().uuid(),
  tenantId,
  name: z.string(),
  /** The key's first characters (`dpk_ab12…`), enough to tell keys apart in a list. */
  prefix: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  createdAt: z.string().datetime(),
  createdBy: z.string(),
  expiresAt: z.string().datetime().nullable(),
  revokedAt: z.string().datetime().nullable(),
  /** When the key last authenticated a request, to the minute; null when never. */
  lastUsedAt: z.string().datetime().nullable(),
});
export type ApiKeyView = z.output<typeof apiKeyViewSchema>;

/** A key every authenticating instance must know: the active ones, with their hash. */
export const activeApiKeySchema = z.object({
  keyId: z.string().uuid(),
  tenantId,
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  scopes: z.array(apiKeyScopeSchema).min(1),
  expiresAt: z.string().datetime().nullable(),
});
export type ActiveApiKey = z.output<typeof activeApiKeySchema>;

/**
 * Records a key the gateway generated (only its SHA-256 travels) and announces api-key.issued in the same
 * transaction. Errors: `api_key_conflict` when the hash is already recorded.
 */
export const CreateApiKey = defineRequest({
  name: 'metadata.create-api-key',
  service: 'metadata',
  description: 'Records a new API key (by its hash) for a tenant and announces it.',
  errors: ['api_key_conflict'],
  request: z.object({
    keyId: z.string().uuid(),
    tenantId,
    name: z.string().min(1).max(100),
    prefix: z.string().min(1).max(16),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    scopes: z.array(apiKeyScopeSchema).min(1),
    expiresAt: z.string().datetime().nullable(),
    createdBy: z.string().min(1).max(100),
  }),
  response: apiKeyViewSchema,
});

export const ListApiKeys = defineRequest({
  name: 'metadata.list-api-keys',
  service: 'metadata',
  description: 'The API keys created at run time, newest first, of one tenant or all.',
  errors: [],
  request: z.object({ tenantId: tenantId.optional() }),
  response: z.object({ items: z.array(apiKeyViewSchema) }),
});

/**
 * Revokes a key and announces api-key.revoked in the same transaction; revoking a revoked key answers it unchanged.
 * Errors: `api_key_not_found`.
 */
export const RevokeApiKey = defineRequest({
  name: 'metadata.revoke-api-key',
  service: 'metadata',
  description: 'Revokes an API key and announces it.',
  errors: ['api_key_not_found'],
  request: z.object({ keyId: z.string().uuid() }),
  response: apiKeyViewSchema,
});

/**
 * Replaces a key by a new one with the same tenant, name, scopes and expiry, in one transaction that records the new
 * key, revokes the old and announces both (api-key.issued, api-key.revoked): never two live keys, never none.
 * Errors: `api_key_not_found`, `api_key_revoked_conflict` (the old key is already revoked), `api_key_conflict`.
 */
export const RotateApiKey = defineRequest({
  name: 'metadata.rotate-api-key',
  service: 'metadata',
  description: 'Replaces an API key by a new one (given by its hash) and revokes the old, atomically, and announces both.',
  errors: ['api_key_not_found', 'api_key_revoked_conflict', 'api_key_conflict'],
  request: z.object({
    keyId: z.string().uuid(),
    newKeyId: z.string().uuid(),
    prefix: z.string().min(1).max(16),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    createdBy: z.string().min(1).max(100),
  }),
  response: apiKeyViewSchema,
});

/** What an authenticating instance loads at start, before the api-key events keep it current. */
export const ListActiveApiKeys = defineRequest({
  name: 'metadata.list-active-api-keys',
  service: 'metadata',
  description: 'Every API key that is neither revoked nor expired, with its hash, for gateway and notification instances.',
  errors: [],
  request: z.object({}),
  response: z.object({ items: z.array(activeApiKeySchema) }),
});
