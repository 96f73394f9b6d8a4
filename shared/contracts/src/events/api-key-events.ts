import { z } from 'zod';
import { defineEvent } from '../contract';

/** What a key may do: read a tenant's documents, change them, or use the admin API (the gateway's scopes). */
export const apiKeyScopeSchema = z.enum(['read', 'write', 'admin']);

const keyFacts = {
  keyId: z.string().uuid(),
  /** SHA-256 (hex) of the key: the key itself is shown once to its creator and stored nowhere. */
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
};

/**
 * Keys are not about a document: the envelope's documentId carries the key id (the subject of the event),
 * and its tenantId the key's tenant.
 */
export const ApiKeyIssued = defineEvent({
  type: 'api-key.issued',
  version: 1,
  description: 'An API key was created at run time; every gateway and notification instance accepts it from now on.',
  broadcast: true,
  payload: z.object({
    ...keyFacts,
    scopes: z.array(apiKeyScopeSchema).min(1),
    expiresAt: z.string().datetime().nullable(),
  }),
});

export const ApiKeyRevoked = defineEvent({
  type: 'api-key.revoked',
  version: 1,
  description: 'An API key was revoked; every gateway and notification instance refuses it from now on.',
  broadcast: true,
  payload: z.object(keyFacts),
});

/**
 * A key authenticated a request. Each gateway instance announces a key at most once a minute, so the time is that of
 * the first use in its minute; metadata keeps the latest as the key's last-used time.
 */
export const ApiKeyUsed = defineEvent({
  type: 'api-key.used',
  version: 1,
  description: 'An API key authenticated a request (at most once a minute per key and gateway instance).',
  payload: z.object({
    keyId: keyFacts.keyId,
    usedAt: z.string().datetime(),
  }),
});
