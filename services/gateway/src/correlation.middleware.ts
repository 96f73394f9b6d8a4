import { randomUUID } from 'node:crypto';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { currentContext, runInContext } from '@docpipe/platform';

export const CORRELATION_HEADER = 'x-correlation-id';
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;
// Probes and scrapes every few seconds would bury the traces of real requests.
const untraced = /^\/(health|metrics)(\/|$)/;

const tracer = trace.getTracer('@docpipe/gateway');

/**
 * Every request gets a correlation id (the caller's, when it sent a sane one) that follows it into
 * every log line and every event it causes, and is echoed back so callers can quote it. With tracing on,
 * it is also a SERVER span: the root of the trace of everything it causes (a caller that sends a W3C
 * `traceparent` continues its own trace instead).
 */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const offered = request.header(CORRELATION_HEADER);
    const correlationId = offered && acceptable.test(offered) ? offered : randomUUID();
    response.setHeader(CORRELATION_HEADER, correlationId);
    const path = request.originalUrl.split('?')[0] ?? '';
    if (untraced.test(path)) return runInContext({ correlationId }, next);
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      request.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'url.path': path, 'docpipe.correlation_id': correlationId },
      },
      parent,
    );
    // 'close' also comes when the client goes away before the answer; the route is known only once one matched.
    response.once('close', () => {
      const route = (request.route as { path?: string } | undefined)?.path;
      if (route) span.updateName(`${request.method} ${route}`).setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500 || !response.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), () => runInContext({ correlationId }, next));
  }
}

/** The correlation id of the request being answered (set by CorrelationMiddleware for every route). */
export function requestCorrelationId(): string {
  const correlationId = currentContext()?.correlationId;
  if (!correlationId) throw new Error('No request context: CorrelationMiddleware must run before the routes');
  return correlationId;
}
