import { errorMessage, type Logger } from '@docpipe/platform';
import { isModelMissing, isTimeout, OllamaModelMissingError, statusOf } from './ollama.errors';

/**
 * What a failed Ollama call means for the work: the model is not pulled (retry later), the request was refused
 * (a 4xx: the same request fails again) or the server was unavailable (busy, down, too slow: retry).
 * `reason` completes a sentence that begins with `where`: "Ollama at <host> (model <model>)".
 */
export type OllamaFailure =
  | { kind: 'model-missing'; error: OllamaModelMissingError }
  | { kind: 'rejected'; where: string; reason: string }
  | { kind: 'unavailable'; where: string; reason: string };

export interface OllamaFailureOptions {
  host: string;
  model: string;
  timeoutMs: number;
  /** The setting that holds timeoutMs, named in the message of a timeout. */
  timeoutVariable: string;
  /** The log event of a missing model, e.g. `embedder.model-missing`. */
  missingModelEvent: string;
  logger?: Logger;
}

/** Tells failures of one adapter's Ollama calls apart, and reports a missing model once until it shows up. */
export class OllamaFailures {
  private missingModelReported = false;

  constructor(private readonly options: OllamaFailureOptions) {}

  /** A call succeeded: a model that goes missing again is reported again. */
  succeeded(): void {
    this.missingModelReported = false;
  }

  classify(error: unknown): OllamaFailure {
    const { host, model, timeoutMs, timeoutVariable } = this.options;
    const where = `Ollama at ${host} (model ${model})`;
    if (isModelMissing(error)) {
      const missing = new OllamaModelMissingError(host, model, { cause: error });
      // Once until the model shows up, not once per call of every document waiting for it.
      if (!this.missingModelReported) this.options.logger?.error({ event: this.options.missingModelEvent, err: missing }, missing.message);
      this.missingModelReported = true;
      return { kind: 'model-missing', error: missing };
    }
    const status = statusOf(error);
    if (status !== undefined && status < 500 && status !== 429) {
      return { kind: 'rejected', where, reason: `refused the request with ${status}: ${errorMessage(error)}` };
    }
    if (status !== undefined) return { kind: 'unavailable', where, reason: `answered ${status}: ${errorMessage(error)}` };
    if (isTimeout(error)) return { kind: 'unavailable', where, reason: `did not answer within ${timeoutMs} ms (${timeoutVariable})` };
    return { kind: 'unavailable', where, reason: `failed: ${errorMessage(error)}` };
  }
}
