import type { Channel } from 'amqplib';
import type { EventContract } from '@docpipe/contracts';

/** Durable topic exchange every event is published to, routed by `<type>.v<version>`. */
export const EVENTS_EXCHANGE = 'docpipe.events';
/** Headers exchange that routes a message back to its queue when its retry delay has passed. */
export const RETRY_EXCHANGE = 'docpipe.retry';
// Not `x-…`: a headers exchange ignores x- headers when matching.
export const RETRY_TARGET_HEADER = 'docpipe-retry-queue';

/** Attempt n (1-based) that fails waits initialDelayMs * multiplier^(n-1) before attempt n+1. */
export interface RetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  multiplier: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialDelayMs: 1_000, multiplier: 4 };

export interface QueueSpec<C extends EventContract = EventContract> {
  /** `<service>.<purpose>`: one durable quorum queue per consuming service and purpose. */
  readonly name: string;
  readonly service: string;
  readonly description: string;
  readonly events: readonly C[];
  readonly retry: RetryPolicy;
  /** Deliveries after which the broker itself dead-letters a message whose consumer keeps dying before the ack. */
  readonly deliveryLimit: number;
  /** One consumer at a time (the others wait as standbys), for a queue whose handling must keep the queue's order. */
  readonly singleActiveConsumer: boolean;
  /** Unacked messages its consumer holds at once, when the service's prefetch does not suit this queue. */
  readonly prefetch?: number;
}

export function defineQueue<C extends EventContract>(spec: {
  service: string;
  purpose: string;
  description: string;
  events: readonly C[];
  retry?: Partial<RetryPolicy>;
  deliveryLimit?: number;
  singleActiveConsumer?: boolean;
  prefetch?: number;
}): QueueSpec<C> {
  return {
    name: `${spec.service}.${spec.purpose}`,
    service: spec.service,
    description: spec.description,
    events: spec.events,
    retry: { ...defaultRetryPolicy, ...spec.retry },
    deliveryLimit: spec.deliveryLimit ?? 10,
    singleActiveConsumer: spec.singleActiveConsumer ?? false,
    ...(spec.prefetch === undefined ? {} : { prefetch: spec.prefetch }),
  };
}

export const deadLetterQueueOf = (queue: string): string => `${queue}.dlq`;
/** The queue a service answers its requests on (see RequestContract.service). */
export const requestQueueOf = (service: string): string => `${service}.requests`;
export const delayQueueFor = (delayMs: number): string => `docpipe.delay.${delayMs}ms`;

/** The wait before each retry: index 0 is the wait after the first failed attempt. */
export function retryDelays(policy: RetryPolicy): number[] {
  return Array.from({ length: Math.max(policy.maxAttempts - 1, 0) }, (_, i) => Math.round(policy.initialDelayMs * policy.multiplier ** i));
}

/**
 * Jitter: each wait exists as a few delay queues of different lengths and a retry takes one at random, so a burst
 * of failures (a dependency's outage) does not come back all at once. Queues, not per-message TTLs, because a
 * message only expires at the head of its queue.
 */
export const JITTER_FACTORS = [1, 1.25, 1.5] as const;

/** Every delay queue length a policy may use: each of its waits at each jitter factor. */
export function delayQueueLengths(policy: RetryPolicy): number[] {
  return retryDelays(policy).flatMap((delayMs) => JITTER_FACTORS.map((factor) => Math.round(delayMs * factor)));
}

/** The wait for one retry: the policy's wait at a random jitter factor. */
export function jitteredDelay(delayMs: number, random: () => number = Math.random): number {
  const factor = JITTER_FACTORS[Math.min(Math.floor(random() * JITTER_FACTORS.length), JITTER_FACTORS.length - 1)];
  return Math.round(delayMs * factor);
}

export function queueArguments(spec: QueueSpec): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-delivery-limit': spec.deliveryLimit,
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': deadLetterQueueOf(spec.name),
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
    ...(spec.singleActiveConsumer ? { 'x-single-active-consumer': true } : {}),
  };
}

export const deadLetterQueueArguments = { 'x-queue-type': 'quorum' } as const;

export function delayQueueArguments(delayMs: number): Record<string, unknown> {
  return { 'x-message-ttl': delayMs, 'x-dead-letter-exchange': RETRY_EXCHANGE };
}

export const retryBindingArguments = (queue: string): Record<string, unknown> => ({
  'x-match': 'all',
  [RETRY_TARGET_HEADER]: queue,
});

/**
 * What a service declares on connect. `all`: exchanges, delay queues and every queue it is given, for a broker
 * user with full rights (the local stack). `own`: only its own queues, their DLQs and bindings, for a user with
 * least privilege (see permissions.ts); the rest must already exist, loaded from deploy/rabbitmq/definitions.json.
 */
export type DeclareScope = 'all' | 'own';

/** Declares (see DeclareScope) exchanges, queues, DLQs, delay queues and bindings; idempotent, run on every (re)connect. */
export async function declareTopology(channel: Channel, queues: readonly QueueSpec[], scope: DeclareScope = 'all'): Promise<void> {
  if (scope === 'all') {
    await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
    await channel.assertExchange(RETRY_EXCHANGE, 'headers', { durable: true });
    const delays = new Set(queues.flatMap((queue) => delayQueueLengths(queue.retry)));
    for (const delayMs of delays) {
      await channel.assertQueue(delayQueueFor(delayMs), { durable: true, arguments: delayQueueArguments(delayMs) });
    }
  }
  for (const queue of queues) {
    await channel.assertQueue(deadLetterQueueOf(queue.name), { durable: true, arguments: deadLetterQueueArguments });
    await channel.assertQueue(queue.name, { durable: true, arguments: queueArguments(queue) });
    await channel.bindQueue(queue.name, RETRY_EXCHANGE, '', retryBindingArguments(queue.name));
    for (const event of queue.events) {
      await channel.bindQueue(queue.name, EVENTS_EXCHANGE, event.routingKey);
    }
  }
}
