import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { currentContext } from './context';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  level?: LevelWithSilent;
  /** Where JSON lines go; stdout when omitted. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

/** JSON logs where every line carries the service and the correlation context of the work in progress. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...currentContext() }),
    },
    options.destination,
  );
}
