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
