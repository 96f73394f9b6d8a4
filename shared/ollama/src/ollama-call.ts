import { backOff } from 'exponential-backoff';
import { isTimeout, statusOf } from './ollama.errors';

export interface RetryPolicy {
  /** Calls in all, the first included. */
  attempts: number;
  /** The first wait; each further wait doubles, each a random share of it (full jitter) so replicas do not retry in step. */
  firstDelayMs: number;
  maxDelayMs: number;
}

// A few seconds in all: a longer outage is the queue's to wait out (its retries are minutes apart).
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, firstDelayMs: 500, maxDelayMs: 4_000 };

/**
 * A failure worth one more call soon: the server busy or loading (429, 5xx) or not reachable. A timeout is not:
 * it has already spent the time a call may take, and a 4xx will be answered the same again.
 */
export function isTransient(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status === 429 || status >= 500;
  return !isTimeout(error);
}

/** Runs one Ollama call, again after a jittered exponential backoff while it fails transiently. */
export function callOllama<T>(call: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  return backOff(call, {
    numOfAttempts: policy.attempts,
    startingDelay: policy.firstDelayMs,
    maxDelay: policy.maxDelayMs,
    timeMultiple: 2,
    jitter: 'full',
    delayFirstAttempt: false,
    retry: (error: unknown) => isTransient(error),
  });
}
