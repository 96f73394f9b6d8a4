import type { ActiveApiKey, ApiKeyView } from '@docpipe/contracts';
import type { ApiKeyEntity } from '../database/api-key.entity';

type Scopes = ApiKeyView['scopes'];

export function toApiKeyView(key: ApiKeyEntity): ApiKeyView {
  return {
    keyId: key.keyId,
    tenantId: key.tenantId,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes as Scopes,
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}

export function toActiveApiKey(key: ApiKeyEntity): ActiveApiKey {
  const { keyId, tenantId, sha256 } = key;
  return { keyId, tenantId, sha256, scopes: key.scopes as Scopes, expiresAt: key.expiresAt?.toISOString() ?? null };
}
