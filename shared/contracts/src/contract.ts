import type { z } from 'zod';

/**
 * One versioned event type. The routing key carries the version so a v2 can be published
 * beside v1 while consumers move over; each consumer binds only the versions it understands.
 */
export interface EventContract<T extends string = string, S extends z.ZodTypeAny = z.ZodTypeAny> {
  readonly type: T;
  readonly version: number;
  readonly routingKey: string;
  readonly description: string;
  readonly payload: S;
  /**
   * A live notice for whoever listens right now (e.g. notification instances): published without
   * `mandatory`, so no listener is not an error. Readers that missed it catch up from a durable store.
   */
  readonly broadcast?: boolean;
}

export function defineEvent<T extends string, S extends z.ZodTypeAny>(spec: {
  type: T;
  version: number;
  description: string;
  payload: S;
  broadcast?: boolean;
}): EventContract<T, S> {
  return { ...spec, routingKey: `${spec.type}.v${spec.version}` };
}

export type PayloadOf<C extends EventContract> = z.output<C['payload']>;
