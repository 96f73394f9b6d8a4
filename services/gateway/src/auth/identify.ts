import { HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Authenticator, AuthFailures, Principal, Scope, Throttled } from '@docpipe/platform';
import { ApiError } from '../errors/api-error';

export interface AuthenticatedRequest extends Request {
  tenantId: string;
  principal: Principal;
}

/**
 * Who presents the request's bearer (an API key or an issuer's JWT). A missing or refused credential counts
 * as a failure of the client's address (and of the key's prefix, for keys): 401, or 429 with Retry-After once
 * it failed too often. An unreachable identity provider answers 503 (identity_provider_unavailable).
 */
export async function identify(
  request: Request,
  response: Response,
  failures: AuthFailures,
  authenticator: Authenticator,
): Promise<Principal> {
  const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
  refuseIfThrottled(await failures.blocked(address), response);
  const credential = presentedCredential(request);
  if (credential === undefined) {
    refuseIfThrottled(await failures.failed(address, undefined), response);
    throw unauthorized('No API key or token: send "Authorization: Bearer <key or token>" or "x-api-key: <key>"');
  }
  const outcome = await authenticator.authenticate(credential);
  if ('principal' in outcome) return outcome.principal;
  refuseIfThrottled(await failures.failed(address, outcome.guessable ? credential : undefined), response);
  throw unauthorized(outcome.refused);
}

/** 403 when the principal lacks the scope: a known caller, not a failed guess, so nothing is counted. */
export function requireScope(principal: Principal, scope: Scope, hint: string): void {
  if (principal.scopes.includes(scope)) return;
  throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', `This API key or token does not grant ${scope}; ${hint}`);
}

function refuseIfThrottled(throttled: Throttled | undefined, response: Response): void {
  if (!throttled) return;
  response.setHeader('Retry-After', String(throttled.retryAfterSeconds));
  throw new ApiError(
    HttpStatus.TOO_MANY_REQUESTS,
    'too_many_auth_failures',
    `Too many requests with a missing or wrong API key or token; try again in ${throttled.retryAfterSeconds} s`,
  );
}

/** The key or token a request presents, if any. */
function presentedCredential(request: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '')?.[1];
  return bearer ?? (request.header('x-api-key')?.trim() || undefined);
}

function unauthorized(message: string): ApiError {
  return new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', message);
}
