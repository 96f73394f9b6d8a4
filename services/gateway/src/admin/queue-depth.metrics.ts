import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DeadLetters, registerQueueDepthGauges } from '@docpipe/events';
import { MetricsRegistry } from '@docpipe/platform';

/** The gateway's /metrics also reports every queue's depth and DLQ size: one scraper asks the broker, not eight. */
@Injectable()
export class QueueDepthMetrics implements OnModuleInit {
  constructor(
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
  ) {}

  onModuleInit(): void {
    registerQueueDepthGauges(this.metrics.registry, this.deadLetters);
  }
}
