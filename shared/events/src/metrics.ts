import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DeadLetters, QueueDepth } from './dead-letters';

/** What became of one consumed message. */
export type ConsumeOutcome = 'handled' | 'retried' | 'dead_lettered';

/** The broker's Prometheus metrics: events published and consumed by type, and how long handlers take per queue. */
export class EventMetrics {
  private readonly published: Counter<'type'>;
  private readonly consumed: Counter<'queue' | 'type' | 'outcome'>;
  private readonly handlerDuration: Histogram<'queue'>;

  constructor(registry: Registry) {
    this.published = new Counter({
      name: 'events_published_total',
      help: 'Events the broker confirmed, by event type.',
      labelNames: ['type'],
      registers: [registry],
    });
    this.consumed = new Counter({
      name: 'events_consumed_total',
      help: 'Messages taken from a queue, by queue, event type and outcome (handled, retried, dead_lettered).',
      labelNames: ['queue', 'type', 'outcome'],
      registers: [registry],
    });
    this.handlerDuration = new Histogram({
      name: 'event_handler_duration_seconds',
      help: 'Time a handler took for one message, by queue, whether it succeeded or not.',
      labelNames: ['queue'],
      buckets: [0.005, 0.025, 0.1, 0.25, 1, 2.5, 10, 30, 120],
      registers: [registry],
    });
  }

  eventPublished(type: string): void {
    this.published.inc({ type });
  }

  /** `type` is `invalid` for a message that is not a known event of the queue. */
  eventConsumed(queue: string, type: string, outcome: ConsumeOutcome): void {
    this.consumed.inc({ queue, type, outcome });
  }

  handlerFinished(queue: string, seconds: number): void {
    this.handlerDuration.observe({ queue }, seconds);
  }
}

/**
 * Gauges of every queue's ready messages and DLQ size, read from the broker at each scrape (a passive
 * declare per queue). One service registers them (the gateway), so the broker is asked once per scrape.
 */
export function registerQueueDepthGauges(registry: Registry, deadLetters: DeadLetters): void {
  const gauge = (name: string, help: string, value: (depth: QueueDepth) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        this.reset();
        // Without the broker the gauges stay empty, which alerts can see, instead of failing the whole scrape.
        const depths = await deadLetters.depths().catch(() => []);
        for (const depth of depths) this.set({ queue: depth.queue }, value(depth));
      },
    });
  gauge('queue_messages', 'Messages ready in each queue of the pipeline.', (depth) => depth.messages);
  gauge('dead_letter_messages', 'Messages in each queue’s dead-letter queue.', (depth) => depth.deadLetters);
}
