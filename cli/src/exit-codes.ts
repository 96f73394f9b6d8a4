/** What a script can rely on: one meaning per code, documented in `docpipe --help` and the README. */
export const EXIT = {
  ok: 0,
  /** Every request was answered, but at least one document failed, was refused or was cancelled. */
  documentFailed: 1,
  /** The command line itself was wrong: unknown command or option, missing argument, unreadable path. */
  usage: 2,
  /** The gateway could not be reached, refused the API key, or answered an error. */
  gateway: 3,
  /** `--wait` gave up before every document was done. */
  timeout: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the command line reports in one line and turns into its exit code. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

export const usageError = (message: string): CliError => new CliError('usage', message, EXIT.usage);
