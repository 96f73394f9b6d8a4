import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { QueueSample } from '@docpipe/contracts';
import { DeadLetters } from '@docpipe/events';
import { LOGGER, type Logger } from '@docpipe/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { QueueArrivals } from './queue-arrivals';

/** How far back the pipeline page's charts reach. */
const HISTORY_MS = 60 * 60 * 1000;

/**
 * Every queue's depth and arrivals sampled every QUEUE_SAMPLE_SECONDS and kept for the last hour, so the pipeline
 * page can draw what waited and what came in over time. Held in this process's memory: the broker is the same for every gateway copy, and a
 * restart only shortens the chart, which fills again.
 */
@Injectable()
export class QueueHistory implements OnModuleInit, OnModuleDestroy {
  private readonly samples = new Map<string, QueueSample[]>();
  /** Each queue's arrivals total at its last sample: a sample holds what arrived since. */
  private readonly arrivedBefore = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
    @Inject(QueueArrivals) private readonly arrivals: QueueArrivals,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sample(), this.config.QUEUE_SAMPLE_SECONDS * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The queue's samples of the last hour, oldest first. */
  of(queue: string): QueueSample[] {
    return this.samples.get(queue) ?? [];
  }

  private async sample(): Promise<void> {
    const at = new Date();
    const oldest = at.getTime() - HISTORY_MS;
    try {
      for (const { queue, messages, deadLetters } of await this.deadLetters.depths()) {
        const kept = this.of(queue).filter((sample) => Date.parse(sample.at) >= oldest);
        const total = this.arrivals.total(queue);
        const arrived = total - (this.arrivedBefore.get(queue) ?? 0);
        this.arrivedBefore.set(queue, total);
        this.samples.set(queue, [...kept, { at: at.toISOString(), messages, deadLetters, arrived }]);
      }
    } catch (error) {
      // A missed sample leaves a gap in the chart; the next one is taken as usual.
      this.logger.warn({ err: error }, 'could not sample the queue depths for the pipeline page');
    }
  }
}
