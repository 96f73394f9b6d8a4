import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from './logger';

/** The local-development key list; any shared deployment sets API_KEYS. */
export const DEV_API_KEYS = 'default:dev-key';

/** A tenant id ends up in object keys, room names and logs, so it is kept to a safe alphabet. */
const tenantId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a tenant id is 1-64 letters, digits, "-" or "_"');
const apiKey = z.string().regex(/^[^\s:,]{6,256}$/, 'an API key is 6-256 characters without spaces, ":" or ","');

const apiKeyList = z
  .string()
  .transform((list) => list.split(',').map((pair) => pair.trim()).filter(Boolean))
  .pipe(
    z
      .array(
        z.string().transform((pair, context) => {
          const [tenant = '', key = '', ...rest] = pair.split(':');
          const parsed = z.object({ tenant: tenantId, key: apiKey }).safeParse({ tenant, key });
          if (rest.length === 0 && parsed.success) return parsed.data;
          // The key itself never appears in the message: config errors end up in logs.
          const reason = parsed.error?.issues[0]?.message ?? 'one ":" only';
          context.addIssue({ code: z.ZodIssueCode.custom, message: `"${tenant}:…" must be tenant:key (${reason})` });
          return z.NEVER;
        }),
      )
      .min(1),
  );

/**
 * Interim authentication until real identities exist: API_KEYS holds `tenant:key` pairs separated by
 * commas, read by every service that authenticates callers (gateway, notification).
 */
export const apiKeysConfigSchema = z.object({ API_KEYS: apiKeyList.default(DEV_API_KEYS) });

export type ApiKeyEntry = z.output<typeof apiKeyList>[number];

const digest = (key: string): Buffer => createHash('sha256').update(key).digest();

/** Which tenant an API key belongs to; compared in constant time so a key cannot be guessed byte by byte. */
export class ApiKeys {
  private readonly entries: { tenant: string; digest: Buffer }[];

  constructor(entries: ApiKeyEntry[], logger: Logger) {
    this.entries = entries.map(({ tenant, key }) => ({ tenant, digest: digest(key) }));
    if (entries.map(({ tenant, key }) => `${tenant}:${key}`).join(',') === DEV_API_KEYS) {
      logger.warn({ event: 'auth.dev-key' }, `API_KEYS is not set: only the local development key (${DEV_API_KEYS}) is accepted; set API_KEYS anywhere shared`);
    }
  }

  tenantOf(key: string): string | undefined {
    const offered = digest(key);
    return this.entries.find((entry) => timingSafeEqual(entry.digest, offered))?.tenant;
  }
}
