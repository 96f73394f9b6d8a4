import { createHash } from 'node:crypto';
import type { Principal, Scope } from './principal';

/** A key created at run time, as the api-key events and the active-key list carry it. */
export interface RuntimeApiKey {
  keyId: string;
  tenantId: string;
  sha256: string;
  scopes: readonly Scope[];
  expiresAt: string | null;
}

interface Held {
  key: RuntimeApiKey;
  /** When an event (not a snapshot) brought it: a snapshot asked for earlier may not contain it yet. */
  heardAt?: number;
}

/**
 * The keys created through the admin API, held in memory by every authenticating instance and kept current by
 * events (a LiveCopy, see apiKeyFeedProviders). Looked up by the key's SHA-256: the attacker does not choose the hash's bytes, so a map
 * lookup leaks nothing a constant-time comparison would protect.
 */
export class RuntimeApiKeys {
  private readonly byHash = new Map<string, Held>();
  /** Revocations heard, kept so a snapshot taken before one cannot bring the key back. */
  private readonly revokedIds = new Set<string>();

  /** Replaces what is held by a snapshot taken at `askedAt`, keeping the keys issued since. */
  replaceAll(keys: readonly RuntimeApiKey[], askedAt: number): void {
    const issuedSince = [...this.byHash.values()].filter((held) => held.heardAt !== undefined && held.heardAt >= askedAt);
    this.byHash.clear();
    for (const key of keys) if (!this.revokedIds.has(key.keyId)) this.byHash.set(key.sha256, { key });
    for (const held of issuedSince) this.byHash.set(held.key.sha256, held);
  }

  issued(key: RuntimeApiKey, now = Date.now()): void {
    if (!this.revokedIds.has(key.keyId)) this.byHash.set(key.sha256, { key, heardAt: now });
  }

  revoked(keyId: string, sha256: string): void {
    this.revokedIds.add(keyId);
    this.byHash.delete(sha256);
  }

  /** The key's holder while it is neither revoked nor expired; the id is the start of the key's hash, as for listed keys. */
  holderOf(key: string, now = Date.now()): Principal | undefined {
    const sha256 = createHash('sha256').update(key).digest('hex');
    const held = this.byHash.get(sha256)?.key;
    if (!held) return undefined;
    const expiresAt = held.expiresAt === null ? undefined : new Date(held.expiresAt);
    if (expiresAt && expiresAt.getTime() <= now) return undefined;
    return { tenant: held.tenantId, id: sha256.slice(0, 16), scopes: held.scopes, keyId: held.keyId, ...(expiresAt && { expiresAt }) };
  }
}
