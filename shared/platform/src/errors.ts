/** An error a caller can act on: a stable code for programs and a message for people. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('invalid_config', `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
