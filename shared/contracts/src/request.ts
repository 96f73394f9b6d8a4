import type { z } from 'zod';

/**
 * The codes any request can be answered with, whatever it is: refused before the handler ran (`invalid_request`,
 * `unknown_request`), the responder failing unexpectedly (`internal_error`, logged there), or the caller's side of the
 * transport (`timeout`, `service_unavailable`, `invalid_reply`).
 */
export const transportErrorCodes = [
  'invalid_request',
  'unknown_request',
  'internal_error',
  'timeout',
  'service_unavailable',
  'invalid_reply',
] as const;
export type TransportErrorCode = (typeof transportErrorCodes)[number];

/**
 * A query or command one service answers for another (the gateway asks metadata for a document).
 * It travels as an AMQP request with a direct reply-to; the responder's queue is `<service>.requests`.
 */
export interface RequestContract<
  N extends string = string,
  Q extends z.ZodTypeAny = z.ZodTypeAny,
  R extends z.ZodTypeAny = z.ZodTypeAny,
  E extends string = string,
  P extends z.ZodTypeAny = z.ZodTypeAny,
> {
  readonly name: N;
  readonly service: string;
  readonly description: string;
  readonly request: Q;
  readonly response: R;
  /** The codes its handler answers an error with, beside the transport's (transportErrorCodes). */
  readonly errors: readonly E[];
  /**
   * What the responder may send before its answer, any number of times, when part of the answer is ready early
   * (an answer's passages before its sentences): the caller can show it while the rest is worked out.
   */
  readonly progress?: P;
}

export function defineRequest<
  N extends string,
  Q extends z.ZodTypeAny,
  R extends z.ZodTypeAny,
  const E extends string = never,
  P extends z.ZodTypeAny = z.ZodNever,
>(spec: RequestContract<N, Q, R, E, P>): RequestContract<N, Q, R, E, P> {
  return spec;
}

export type RequestOf<C extends RequestContract> = z.input<C['request']>;
export type ResponseOf<C extends RequestContract> = z.output<C['response']>;
export type ProgressOf<C extends RequestContract> = z.output<NonNullable<C['progress']>>;
/** Every code a caller of this request can get back. */
export type ErrorCodeOf<C extends RequestContract> = C['errors'][number] | TransportErrorCode;

/** What travels back: the result, or an error a gateway can turn into an HTTP status. */
export type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/** Sent back before the Reply, any number of times, for a request whose contract has `progress`. */
export interface ProgressReply {
  progress: unknown;
}
