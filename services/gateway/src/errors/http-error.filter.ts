import { Catch, HttpException, HttpStatus, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RemoteError } from '@docpipe/events';
import { AppError, LOGGER, type Logger } from '@docpipe/platform';
import { ObjectNotFoundError } from '@docpipe/storage';
import { ApiError, type ErrorBody } from './api-error';
import { remoteErrorMessage, statusOfCode } from './error-status';

/** Every error becomes `{ error: { code, message } }` with a status a client can act on. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (response.headersSent) {
      // A stream (a download) broke half-way: the client must see a cut, not a body that looks complete.
      this.logger.warn({ err: exception, path: request.path }, 'the response broke off after it had started');
      response.destroy();
      return;
    }
    const { status, body } = this.describe(exception);
    // An unavailable service is an outage to watch, not a bug in the gateway.
    if (status === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn({ err: exception, status, path: request.path }, body.error.message);
    else if (status >= 500) this.logger.error({ err: exception, status, path: request.path }, body.error.message);
    // What is left of an unread upload body is not worth reading: close instead of draining it.
    if (!request.complete) response.setHeader('Connection', 'close');
    response.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof ApiError) return answer(exception.status, exception.code, exception.message);
    if (exception instanceof RemoteError) return answer(statusOfCode(exception.code), exception.code, remoteErrorMessage(exception));
    if (exception instanceof ObjectNotFoundError) {
      return answer(
        HttpStatus.NOT_FOUND,
        'original_missing',
        'The stored original of this document is gone; it may have just been deleted',
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return answer(status, codeOfStatus(status), exception.message);
    }
    if (exception instanceof AppError) return answer(statusOfCode(exception.code), exception.code, exception.message);
    return answer(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'internal_error',
      'The gateway failed to answer; the error is logged with this request’s correlation id',
    );
  }
}

function answer(status: number, code: string, message: string): { status: number; body: ErrorBody } {
  return { status, body: { error: { code, message } } };
}

/** `Not Found` -> `not_found`, for Nest's own errors (unknown route, wrong method). */
function codeOfStatus(status: number): string {
  return (HttpStatus[status] ?? 'error').toLowerCase();
}
