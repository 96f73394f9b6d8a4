import type { z } from 'zod';

/**
 * A query or command one service answers for another (the gateway asks metadata for a document).
 * It travels as an AMQP request with a direct reply-to; the responder's queue is `<service>.requests`.
 */
export interface RequestContract<N extends string = string, Q extends z.ZodTypeAny = z.ZodTypeAny, R extends z.ZodTypeAny = z.ZodTypeAny> {
  readonly name: N;
  readonly service: string;
  readonly description: string;
  readonly request: Q;
  readonly response: R;
}

export function defineRequest<N extends string, Q extends z.ZodTypeAny, R extends z.ZodTypeAny>(
  spec: RequestContract<N, Q, R>,
): RequestContract<N, Q, R> {
  return spec;
}

export type RequestOf<C extends RequestContract> = z.input<C['request']>;
export type ResponseOf<C extends RequestContract> = z.output<C['response']>;

/** What travels back: the result, or an error a gateway can turn into an HTTP status. */
export type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };
