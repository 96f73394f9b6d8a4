import { Controller, Get, Inject, Injectable, Res } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
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

  /** Prometheus text format, for the holder of METRICS_TOKEN (requireMetricsToken runs first): counts say what a deployment handles. */
  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.metrics.registry.metrics();
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.send(body);
  }
}

const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Express middleware for /metrics: only `Authorization: Bearer <token>` passes, compared in constant time; no token, no metrics. */
export function requireMetricsToken(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (request: Request, response: Response, next: NextFunction): void => {
    const offered = /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '')?.[1];
    if (expected && offered && timingSafeEqual(digest(offered), expected)) return next();
    const message = expected
      ? 'Send the metrics token: "Authorization: Bearer <METRICS_TOKEN>"'
      : 'Metrics are closed on this instance: set METRICS_TOKEN and scrape with it';
    response.status(401).json({ error: { code: 'unauthorized', message } });
  };
}
