import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { LevelWithSilent } from 'pino';
import { loadConfig, logFormatConfigSchema, tracingConfigSchema } from './config';
import { createLogger, resolveLogFormat, type Logger } from './logger';
import { NestPinoLogger } from './nest-logger';
import { requireMetricsToken } from './metrics';
import { startTracing } from './tracing';

export interface ServiceOptions {
  name: string;
  port: number;
  /** The address to listen on; loopback unless given (HOST). */
  host?: string;
  /** The bearer token /metrics asks for (METRICS_TOKEN); without one /metrics answers 401 to everyone. */
  metricsToken?: string;
  logLevel: LevelWithSilent;
  module: (logger: Logger) => DynamicModule;
  /** False when the service parses request bodies itself (the gateway answers oversized ones with its error shape). */
  bodyParser?: boolean;
  /** Extra HTTP set-up before listening (the gateway adds OpenAPI, middleware, static files). */
  configure?: (app: INestApplication, logger: Logger) => void;
}

/**
 * Starts a service the same way everywhere: JSON logs, tracing when OTEL_TRACES_EXPORTER asks for it,
 * shutdown on SIGTERM/SIGINT (PlatformModule flushes the spans last), health on its port.
 */
export async function startService(options: ServiceOptions): Promise<INestApplication> {
  const format = resolveLogFormat(loadConfig(logFormatConfigSchema).LOG_FORMAT);
  const logger = createLogger({ service: options.name, level: options.logLevel, format });
  // Before the modules are built, so the first span (a consumer's, a request's) already has a tracer.
  startTracing(options.name, loadConfig(tracingConfigSchema), logger);
  const app = await NestFactory.create(options.module(logger), {
    logger: new NestPinoLogger(logger),
    bodyParser: options.bodyParser ?? true,
  });
  app.enableShutdownHooks();
  app.use('/metrics', requireMetricsToken(options.metricsToken));
  options.configure?.(app, logger);
  await app.listen(options.port, options.host ?? '127.0.0.1');
  // The bound port, not the requested one: with PORT=0 the OS picks it and callers read it from this line.
  const port = Number(new URL(await app.getUrl()).port);
  logger.info({ event: 'service.started', port }, `${options.name} listening on port ${port}`);
  return app;
}
