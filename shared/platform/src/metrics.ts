import { Controller, Get, Inject, Injectable, Res } from '@nestjs/common';
import type { Response } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The service's Prometheus registry: process metrics (CPU, memory, event loop lag, GC) from the start,
 * plus whatever the libraries register (the broker's event counters and handler durations).
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}

@Controller('metrics')
export class MetricsController {
  // Explicit token: runners without decorator metadata (tsx) cannot infer it from the type.
  constructor(@Inject(MetricsRegistry) private readonly metrics: MetricsRegistry) {}

  /** Prometheus text format, scraped without credentials like the health endpoints: it holds counts, never content. */
  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.metrics.registry.metrics();
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.send(body);
  }
}
