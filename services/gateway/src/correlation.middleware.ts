import { randomUUID } from 'node:crypto';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { currentContext, runInContext } from '@docpipe/platform';

export const CORRELATION_HEADER = 'x-correlation-id';
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Every request gets a correlation id (the caller's, when it sent a sane one) that follows it into
 * every log line and every event it causes, and is echoed back so callers can quote it.
 */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const offered = request.header(CORRELATION_HEADER);
    const correlationId = offered && acceptable.test(offered) ? offered : randomUUID();
    response.setHeader(CORRELATION_HEADER, correlationId);
    runInContext({ correlationId }, next);
  }
}

/** The correlation id of the request being answered (set by CorrelationMiddleware for every route). */
export function requestCorrelationId(): string {
  const correlationId = currentContext()?.correlationId;
  if (!correlationId) throw new Error('No request context: CorrelationMiddleware must run before the routes');
  return correlationId;
}
