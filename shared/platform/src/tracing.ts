import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Logger } from 'pino';
import type { TracingConfig } from './config';

let provider: NodeTracerProvider | undefined;

/**
 * Registers the process's tracer: with `otlp`, spans are batched and exported, and the W3C trace context
 * propagator is installed; with `none` nothing is registered, so every span is the API's no-op.
 */
export function startTracing(service: string, config: TracingConfig, logger: Logger): void {
  if (config.OTEL_TRACES_EXPORTER === 'none' || provider) return;
  // Export failures are reported through the API's diagnostics, silent unless a logger is set.
  diag.setLogger(diagnosticsTo(logger), DiagLogLevel.WARN);
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` })),
    ],
  });
  provider.register();
  logger.info({ event: 'tracing.started', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }, 'exporting traces over OTLP/HTTP');
}

/** Exports the spans still buffered and stops the tracer; a no-op when tracing is off. */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  provider = undefined;
  await stopping?.shutdown();
}

function diagnosticsTo(logger: Logger): DiagLogger {
  const log =
    (level: 'error' | 'warn' | 'debug') =>
    (message: string, ...details: unknown[]) =>
      logger[level]({ event: 'tracing.diagnostic', details: details.map(String) }, message);
  return { error: log('error'), warn: log('warn'), info: log('debug'), debug: log('debug'), verbose: log('debug') };
}
