import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';
import { currentContext } from './context';
import { redactSecretsIn } from './redact';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  level?: LevelWithSilent;
  /** Where JSON lines go; stdout when omitted. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** `pretty`: one coloured line per entry for a person at a terminal, through pino-pretty; JSON otherwise. */
  format?: 'json' | 'pretty';
}

/**
 * JSON logs where every line carries the service and the correlation context of the work in progress,
 * and, while a span is active, its trace and span ids, so a log line leads to its trace. Credentials in the
 * message, in a field or in a logged error (`err`) are masked (redactSecrets), whoever wrote the line.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...currentContext(), ...activeTraceIds() }),
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactedArguments(args) as Parameters<typeof method>);
        },
      },
      // A plain copy, which redactSecretsIn walks (the serializer's own object has another prototype).
      serializers: { err: (error: Error) => redactSecretsIn({ ...pino.stdSerializers.err(error) }) },
    },
    options.format === 'pretty' ? prettyStream(options.destination) : options.destination,
  );
}

/** An error logged alone is logged as pino does it (under `err`, its message as the line's), with its message redacted. */
function redactedArguments(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (first instanceof Error) {
    const message = typeof rest[0] === 'string' ? rest.shift() : first.message;
    return [{ err: first }, redactSecretsIn(message), ...rest.map((arg) => redactSecretsIn(arg))];
  }
  return args.map((arg) => redactSecretsIn(arg));
}

function prettyStream(destination?: DestinationStream): DestinationStream {
  return pretty({
    colorize: !destination,
    destination: destination ?? 1,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    messageFormat: '{service} {if correlationId}[{correlationId}] {end}{msg}',
  });
}

/** `auto` resolves to pretty when the process writes to a terminal (as under `npm start`), else to JSON. */
export const resolveLogFormat = (format: 'auto' | 'json' | 'pretty', stream: { isTTY?: boolean } = process.stdout): 'json' | 'pretty' =>
  format === 'auto' ? (stream.isTTY ? 'pretty' : 'json') : format;

/** Named as OpenTelemetry's log data model names them. With tracing off there is never an active span. */
function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active())?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}
