import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from '../src';

const schema = baseConfigSchema.extend({ PORT: z.coerce.number().int().min(0).max(65535) });

describe('loadConfig', () => {
  it('types and defaults the environment', () => {
    expect(loadConfig(schema, { PORT: '3100' })).toEqual({
      PORT: 3100,
      RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
      RABBITMQ_DECLARE: 'all',
      LOG_LEVEL: 'info',
      // Loopback unless told otherwise; METRICS_TOKEN unset keeps /metrics closed.
      HOST: '127.0.0.1',
      LOG_FORMAT: 'auto',
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
    });
  });

  it('turns tracing on only for a known exporter and an http(s) collector, saying what is expected', () => {
    expect(
      loadConfig(schema, { PORT: '1', OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318' }),
    ).toMatchObject({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
    });
    let error: unknown;
    try {
      loadConfig(schema, { PORT: '1', OTEL_TRACES_EXPORTER: 'jaeger', OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigError).problems).toEqual([
      'OTEL_TRACES_EXPORTER: must be "none" (no tracing) or "otlp" (send spans to OTEL_EXPORTER_OTLP_ENDPOINT)',
      'OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:// or https:// URL (OTLP over HTTP, port 4318 by default)',
    ]);
  });

  it('reports every invalid variable by name, not only the first', () => {
    let error: unknown;
    try {
      loadConfig(schema, { PORT: 'eighty', RABBITMQ_URL: 'not a url', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'RABBITMQ_URL']);
  });
});
