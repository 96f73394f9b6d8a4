import { HttpStatus, type INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { ErrorBody } from '../errors/api-error';

/** Largest JSON request body: the API takes small commands as JSON; files come as multipart uploads. */
export const MAX_JSON_BODY_BYTES = 100 * 1024;

interface BodyParserError extends Error {
  status?: number;
  type?: string;
}

/**
 * Parses JSON bodies before any route, guard or key check runs, and answers a body that is too large (413,
 * from Content-Length alone when it says so) or not JSON (400) with the API's error shape instead of a 500.
 */
export function parseJsonBodies(app: INestApplication): void {
  const parse = json({ limit: MAX_JSON_BODY_BYTES });
  app.use((request: Request, response: Response, next: NextFunction) =>
    parse(request, response, (error?: BodyParserError) => {
      if (!error) return next();
      const { status, body } = describe(error);
      // The rest of a refused body is not worth reading.
      response.setHeader('Connection', 'close');
      response.status(status).json(body);
    }),
  );
}

function describe(error: BodyParserError): { status: number; body: ErrorBody } {
  if (error.type === 'entity.too.large') {
    const message = `A JSON body may be at most ${MAX_JSON_BODY_BYTES / 1024} KiB; send files as multipart/form-data uploads`;
    return answer(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', message);
  }
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', 'A JSON body is sent as UTF-8');
  }
  return answer(HttpStatus.BAD_REQUEST, 'invalid_request', 'The request body is not valid JSON');
}

function answer(status: number, code: string, message: string): { status: number; body: ErrorBody } {
  return { status, body: { error: { code, message } } };
}
