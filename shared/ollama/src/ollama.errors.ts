import { AppError } from '@docpipe/platform';

/** The HTTP status Ollama answered with, when it answered (ollama-js's ResponseError carries it). */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status_code?: unknown } | undefined)?.status_code;
  return typeof status === 'number' ? status : undefined;
}

/** Ollama's 404 for a model it does not have: `model "x" not found, try pulling it first` (chat) or `model 'x' not found` (embed). */
export function isModelMissing(error: unknown): boolean {
  return statusOf(error) === 404 && /model .* not found/i.test(error instanceof Error ? error.message : String(error));
}

/** A call that timed out on our side (AbortSignal.timeout), not an answer of the server. */
export function isTimeout(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'TimeoutError';
}

/**
 * The server has not got the model (yet): the deployment's pull job may still be downloading it, so the work is
 * retried later rather than failed for good, and the message says how to pull it.
 */
export class OllamaModelMissingError extends AppError {
  constructor(
    readonly host: string,
    readonly model: string,
    options?: { cause?: unknown },
  ) {
    super(
      'ollama_model_missing',
      `Ollama at ${host} has no model ${model}: pull it on that server (ollama pull ${model}; the ollama-pull job of ` +
        `compose and Kubernetes does it) or set the model variable to one it has`,
      options,
    );
  }
}
