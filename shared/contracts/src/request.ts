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
> {
  readonly name: N;
  readonly service: string;
  readonly description: string;
  readonly request: Q;
  readonly response: R;
  /** The codes its handler answers an error with, beside the transport's (transportErrorCodes). */
  readonly errors: readonly E[];
}

export function defineRequest<N extends string, Q extends z.ZodTypeAny, R extends z.ZodTypeAny, const E extends string = never>(
  spec: RequestContract<N, Q, R, E>,
): RequestContract<N, Q, R, E> {
  return spec;
}

export type RequestOf<C extends RequestContract> = z.input<C['request']>;
export type ResponseOf<C extends RequestContract> = z.output<C['response']>;
/** Every code a caller of this request can get back. */
export type ErrorCodeOf<C extends RequestContract> = C['errors'][number] | TransportErrorCode;

/** What travels back: the result, or an error a gateway can turn into an HTTP status. */
export type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };
