/** A tool the stack needs is not installed on this machine. */
export class MissingPrerequisiteError extends Error {
  readonly code = 'MISSING_PREREQUISITE';

  constructor(
    readonly what: string,
    readonly install: string,
  ) {
    super(`${what} is not installed. Install it with: ${install}`);
    this.name = 'MissingPrerequisiteError';
  }
}

/** A server process was launched but never became ready; the message ends with its log tail. */
export class ServerStartError extends Error {
  readonly code = 'SERVER_START_FAILED';

  constructor(server: string, reason: string, logTail: string, options?: { cause?: unknown }) {
    super(`${server} failed to start: ${reason}\n--- last log lines ---\n${logTail.trim() || '(log is empty)'}`, options);
    this.name = 'ServerStartError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
