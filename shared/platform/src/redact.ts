// user:password@ in any URL, and the value of a basic/bearer authorization or an api key written out in text.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*(?::[^\s/@]*)?@/gi;
const AUTH_VALUES = /\b(authorization:\s*(?:basic|bearer)\s+|api[-_]?key[=:]\s*)[^\s,;"']+/gi;
// What either pattern needs somewhere in the text: one cheap test spares most log lines both replaces.
const MAY_HOLD_SECRET = /@|authorization|api[-_]?key/i;

/**
 * Removes credentials from text that may reach a log, an event or a user: `https://user:pass@host` becomes
 * `https://***@host`. Every adapter's errors pass through here (AppError, errorMessage), so a secret in a
 * configured URL (OPENSEARCH_URL, OLLAMA_HOST, RABBITMQ_URL, DATABASE_URL) is never repeated back.
 */
export function redactSecrets(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  return text.replace(URL_CREDENTIALS, '$1***@').replace(AUTH_VALUES, '$1***');
}

/**
 * The same for what a log line carries: every string in a plain object or array (a few levels deep, each object
 * once), and an error's message, stack and cause. Anything else is left as it is. An object or array with nothing
 * to mask is returned itself, not copied: every info line (one per handled event) passes through here.
 */
export function redactSecretsIn(value: unknown, depth = 4, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth === 0 || typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => redactSecretsIn(item, depth - 1, seen));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const entries = Object.entries(value).map(([key, item]) => [key, item, redactSecretsIn(item, depth - 1, seen)] as const);
  if (entries.every(([, item, redacted]) => item === redacted)) return value;
  return Object.fromEntries(entries.map(([key, , redacted]) => [key, redacted]));
}
