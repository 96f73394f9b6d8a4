import { redactSecrets } from './redact';

/**
 * An error a caller can act on: a stable code for programs and a message for people. The message is redacted
 * here, once for every adapter, because it travels on to logs, `document.failed` events and API answers.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(redactSecrets(message), options);
    this.name = new.target.name;
  }
}

/** Thrown when trying again cannot help (corrupt file, unsupported type, a mapping the index refuses): no retries. */
export class NonRetryableError extends AppError {}

export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('invalid_config', `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** The message of anything thrown, with credentials in URLs removed. */
export function errorMessage(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}
