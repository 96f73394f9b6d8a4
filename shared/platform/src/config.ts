import { z } from 'zod';
import { ConfigError } from './errors';

/** The standard OpenTelemetry variables, as far as docpipe reads them; tracing is off unless asked for. */
export const tracingConfigSchema = z.object({
  OTEL_TRACES_EXPORTER: z
    .enum(['none', 'otlp'], {
      errorMap: () => ({ message: 'must be "none" (no tracing) or "otlp" (send spans to OTEL_EXPORTER_OTLP_ENDPOINT)' }),
    })
    .default('none'),
  /** The collector's OTLP/HTTP base URL (Jaeger, Tempo, an OpenTelemetry Collector…); spans go to <it>/v1/traces as JSON. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .url('must be the URL of an OTLP/HTTP receiver, e.g. http://localhost:4318')
    .refine((url) => /^https?:\/\//.test(url), 'must be an http:// or https:// URL (OTLP over HTTP, port 4318 by default)')
    .default('http://localhost:4318'),
});

export type TracingConfig = z.output<typeof tracingConfigSchema>;

/** How log lines look: JSON for machines (the default off a terminal), coloured text for a person at one. */
export const logFormatConfigSchema = z.object({
  LOG_FORMAT: z
    .enum(['auto', 'json', 'pretty'], {
      errorMap: () => ({ message: 'must be "json", "pretty" or "auto" (pretty when stdout is a terminal, else json)' }),
    })
    .default('auto'),
});

/** Settings every service reads. Services extend this schema with their own. */
export const baseConfigSchema = z
  .object({
    RABBITMQ_URL: z.string().url().default('amqp://guest:guest@127.0.0.1:5672'),
    // `own` when RABBITMQ_URL names the service's least-privilege user: the topology then comes from the definitions file.
    RABBITMQ_DECLARE: z.enum(['all', 'own']).default('all'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The address the HTTP port listens on: this machine only unless told otherwise (0.0.0.0 in a container). */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** The bearer token /metrics asks for (Prometheus `authorization: { credentials }`); unset, /metrics is closed. */
    METRICS_TOKEN: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.string().min(16, 'a metrics token is at least 16 characters').optional(),
    ),
  })
  .merge(tracingConfigSchema)
  .merge(logFormatConfigSchema);

/** Reads and validates the environment once, at start-up; every problem is reported, not only the first. */
export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}

/** Whether a listening address keeps the port on this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
