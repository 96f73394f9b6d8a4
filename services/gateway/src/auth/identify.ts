import { HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { currentContext, type Authenticator, type AuthFailures, type Principal, type Scope, type Throttled } from '@docpipe/platform';
import { ApiError } from '../errors/api-error';
import type { RequestRate } from '../security/request-rate';

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

/**
 * Marks the request as the principal's and takes it from the principal's rate; 429 with Retry-After when over.
 * Callers must await it: an admission not awaited lets the request through whatever the rate says.
 */
export async function admit(principal: Principal, request: AuthenticatedRequest, response: Response, rate: RequestRate): Promise<void> {
  const limited = await rate.take(principal.id);
  if (limited) {
    response.setHeader('Retry-After', String(limited.retryAfterSeconds));
    throw new ApiError(
      HttpStatus.TOO_MANY_REQUESTS,
      'rate_limited',
      `Too many requests with this API key or token; try again in ${limited.retryAfterSeconds} s`,
    );
  }
  request.principal = principal;
  request.tenantId = principal.tenant;
  // Logs and requests to other services made for this request carry the tenant from here on.
  const work = currentContext();
  if (work) work.tenantId = principal.tenant;
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
