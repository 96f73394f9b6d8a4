import { Counter, Histogram, type Registry } from 'prom-client';

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
