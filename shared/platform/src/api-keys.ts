import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { isLoopback } from './config';
import type { Logger } from './logger';
import { TENANT_KEY_SCOPES, tenantIdSchema as tenantId, type Principal, type Scope } from './principal';

/** The local-development key list; any shared deployment sets API_KEYS. */
export const DEV_API_KEYS = 'default:dev-key';
const apiKey = z.string().regex(/^[^\s:,]{6,256}$/, 'an API key is 6-256 characters without spaces, ":" or ","');
const sha256Hex = z.string().regex(/^[0-9a-fA-F]{64}$/, 'a hashed key is sha256:<64 hex digits>');

const sha256Of = (key: string): string => createHash('sha256').update(key).digest('hex');
const DEV_KEY_SHA256 = sha256Of(DEV_API_KEYS.split(':')[1]!);

/** One accepted key: only its SHA-256 is kept, whether the list gave the key or its hash. */
export interface ApiKeyEntry {
  tenant: string;
  sha256: string;
}

function parseEntry(pair: string): { entry: ApiKeyEntry } | { reason: string } {
  const [tenant = '', ...secret] = pair.split(':');
  const hashed = secret.length === 2 && secret[0] === 'sha256';
  const parsed = hashed
    ? z.object({ tenant: tenantId, sha256: sha256Hex }).safeParse({ tenant, sha256: secret[1] })
    : z.object({ tenant: tenantId, key: apiKey }).safeParse({ tenant, key: secret[0] ?? '' });
  if (!hashed && secret.length !== 1) return { reason: 'one ":" only, or tenant:sha256:<hex>' };
  if (!parsed.success) return { reason: parsed.error.issues[0]?.message ?? 'invalid' };
  const data = parsed.data;
  return { entry: { tenant: data.tenant, sha256: 'sha256' in data ? data.sha256.toLowerCase() : sha256Of(data.key) } };
}

const entrySchema = z.string().transform((pair, context) => {
  const parsed = parseEntry(pair);
  if ('entry' in parsed) return parsed.entry;
  // The key itself never appears in the message: config errors end up in logs.
  const tenant = pair.split(':')[0];
  context.addIssue({ code: z.ZodIssueCode.custom, message: `"${tenant}:…" must be tenant:key or tenant:sha256:<hex> (${parsed.reason})` });
  return z.NEVER;
});

const splitList = z.string().transform((list) =>
  list
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean),
);

/**
 * A comma-separated list of `tenant:key` or `tenant:sha256:<64 hex>` entries (the hash keeps the key
 * itself out of the deployment's configuration), possibly empty. Revoking a key is removing its entry.
 */
export const apiKeyListSchema = splitList.pipe(z.array(entrySchema));

/**
 * Interim authentication until real identities exist: API_KEYS holds the entries of apiKeyListSchema,
 * read by every service that authenticates callers (gateway, notification).
 */
export const apiKeysConfigSchema = z.object({
  API_KEYS: splitList.pipe(z.array(entrySchema).min(1)).default(DEV_API_KEYS),
  /** How often the keys created at run time are listed again (events apply changes at once; this covers missed ones). */
  API_KEYS_REFRESH_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
});

/** For services that take API keys: the published development key is refused on any address but loopback. */
export function devKeyOnLoopbackOnly(config: { HOST: string; API_KEYS: readonly ApiKeyEntry[] }, context: z.RefinementCtx): void {
  if (isLoopback(config.HOST) || !config.API_KEYS.some(({ sha256 }) => sha256 === DEV_KEY_SHA256)) return;
  context.addIssue({
    code: z.ZodIssueCode.custom,
    path: ['API_KEYS'],
    message: `the published development key (dev-key) is refused when HOST (${config.HOST}) is not a loopback address: set API_KEYS to keys of your own`,
  });
}

/**
 * Which tenant an API key belongs to, and what the keys of this list may do (a tenant's keys: read and write;
 * ADMIN_API_KEYS: admin); compared in constant time so a key cannot be guessed byte by byte.
 */
export class ApiKeys {
  private readonly entries: { tenant: string; digest: Buffer }[];

  constructor(
    entries: readonly ApiKeyEntry[],
    logger: Logger,
    private readonly scopes: readonly Scope[] = TENANT_KEY_SCOPES,
  ) {
    this.entries = entries.map(({ tenant, sha256 }) => ({ tenant, digest: Buffer.from(sha256, 'hex') }));
    if (entries.some(({ sha256 }) => sha256 === DEV_KEY_SHA256)) {
      logger.warn(
        { event: 'auth.dev-key' },
        `The local development key (${DEV_API_KEYS}) is accepted; set API_KEYS without it anywhere shared`,
      );
    }
  }

  /** The key's holder; the id is the start of the key's hash, never the key itself. */
  holderOf(key: string): Principal | undefined {
    const offered = createHash('sha256').update(key).digest();
    const entry = this.entries.find(({ digest }) => timingSafeEqual(digest, offered));
    return entry && { tenant: entry.tenant, id: offered.toString('hex').slice(0, 16), scopes: this.scopes };
  }

  tenantOf(key: string): string | undefined {
    return this.holderOf(key)?.tenant;
  }
}
