import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventContract } from '@docpipe/contracts';
import { allQueues, BrokerConnection, LiveSubscription } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';

/** For each routing key, the queues the broker routes its events to (from the same catalogue as the bindings). */
const queuesByRoutingKey = new Map<string, string[]>();
for (const queue of allQueues) {
  for (const event of queue.events)
    queuesByRoutingKey.set(event.routingKey, [...(queuesByRoutingKey.get(event.routingKey) ?? []), queue.name]);
}
const routedEvents: EventContract[] = [
  ...new Map(allQueues.flatMap((queue) => queue.events).map((event) => [event.routingKey, event])).values(),
];

/**
 * How many events the broker has routed to each queue since this gateway started: the queues' throughput on the
 * pipeline page. Counted from the events themselves, on this gateway's own live queue bound to every routing key a
 * queue takes, because the broker's message rates need its management API and a user tagged for it. Each gateway
 * copy counts every event, so copies agree; a restart starts from zero, as the depth samples do.
 */
@Injectable()
export class QueueArrivals implements OnModuleInit, BeforeApplicationShutdown {
  private readonly totals = new Map<string, number>();
  private readonly subscription: LiveSubscription<EventContract>;

  constructor(@Inject(BrokerConnection) connection: BrokerConnection, @Inject(LOGGER) logger: Logger) {
    this.subscription = new LiveSubscription(connection, routedEvents, async (event) => this.count(`${event.type}.v${event.version}`), {
      logger,
    });
  }

  /** Binds before the connection starts, so what is published once the gateway reports ready is counted. */
  async onModuleInit(): Promise<void> {
    await this.subscription.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }

  /** Events routed to the queue since the gateway started. */
  total(queue: string): number {
    return this.totals.get(queue) ?? 0;
  }

  private count(routingKey: string): void {
    for (const queue of queuesByRoutingKey.get(routingKey) ?? []) this.totals.set(queue, this.total(queue) + 1);
  }
}
