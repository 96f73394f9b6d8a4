// user:password@ in any URL, and the value of a basic/bearer authorization or an api key written out in text.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*(?::[^\s/@]*)?@/gi;
const AUTH_VALUES = /\b(authorization:\s*(?:basic|bearer)\s+|api[-_]?key[=:]\s*)[^\s,;"']+/gi;

/**
 * Removes credentials from text that may reach a log, an event or a user: `https://user:pass@host` becomes
 * `https://***@host`. Every adapter's errors pass through here (AppError, errorMessage), so a secret in a
 * configured URL (OPENSEARCH_URL, OLLAMA_HOST, RABBITMQ_URL, DATABASE_URL) is never repeated back.
 */
export function redactSecrets(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1***@').replace(AUTH_VALUES, '$1***');
}

/**
 * The same for what a log line carries: every string in a plain object or array (a few levels deep, each object
 * once), and an error's message, stack and cause. Anything else is left as it is.
 */
export function redactSecretsIn(value: unknown, depth = 4, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth === 0 || typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactSecretsIn(item, depth - 1, seen));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactSecretsIn(item, depth - 1, seen)]));
}
