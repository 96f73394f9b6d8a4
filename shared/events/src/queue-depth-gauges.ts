import { Gauge, type Registry } from 'prom-client';
import type { DeadLetters, QueueDepth } from './dead-letters';

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
