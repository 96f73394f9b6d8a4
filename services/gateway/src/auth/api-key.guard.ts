import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiKeys, AuthFailures, currentContext, type KeyHolder, type Throttled } from '@docpipe/platform';
import { ApiError } from '../errors/api-error';
import { RateLimiter } from '../security/rate-limiter';

export interface AuthenticatedRequest extends Request {
  tenantId: string;
}

/**
 * Takes the API key from `Authorization: Bearer <key>` or `x-api-key` and sets the request's tenant
 * from it: the tenant is never something a client can choose. Each key has its own request rate.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(ApiKeys) private readonly keys: ApiKeys,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(AuthFailures) private readonly failures: AuthFailures,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const holder = await identify(request, response, this.failures, (key) => this.keys.holderOf(key));
    admit(holder, request, response, this.limiter);
    return true;
  }
}

/**
 * The holder of the key a request presents, found by `find`. A missing or unknown key counts as a failure
 * of the client's address and of the key's prefix: 401, or 429 with Retry-After once it failed too often.
 */
export async function identify(
  request: Request,
  response: Response,
  failures: AuthFailures,
  find: (key: string) => KeyHolder | undefined,
): Promise<KeyHolder> {
  const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
  refuseIfThrottled(await failures.blocked(address), response);
  const key = presentedKey(request);
  const holder = key === undefined ? undefined : find(key);
  if (holder) return holder;
  refuseIfThrottled(await failures.failed(address, key), response);
  throw unauthorized(
    key === undefined ? 'No API key: send "Authorization: Bearer <key>" or "x-api-key: <key>"' : 'The API key is not valid',
  );
}

function refuseIfThrottled(throttled: Throttled | undefined, response: Response): void {
  if (!throttled) return;
  response.setHeader('Retry-After', String(throttled.retryAfterSeconds));
  throw new ApiError(
    HttpStatus.TOO_MANY_REQUESTS,
    'too_many_auth_failures',
    `Too many requests with a missing or wrong API key; try again in ${throttled.retryAfterSeconds} s`,
  );
}

/** Marks the request as the key holder's and takes it from the key's rate; 429 with Retry-After when over. */
export function admit(holder: KeyHolder, request: AuthenticatedRequest, response: Response, limiter: RateLimiter): void {
  const limited = limiter.take(holder.keyId);
  if (limited) {
    response.setHeader('Retry-After', String(limited.retryAfterSeconds));
    throw new ApiError(
      HttpStatus.TOO_MANY_REQUESTS,
      'rate_limited',
      `Too many requests with this API key; try again in ${limited.retryAfterSeconds} s`,
    );
  }
  request.tenantId = holder.tenant;
  // Logs and requests to other services made for this request carry the tenant from here on.
  const work = currentContext();
  if (work) work.tenantId = holder.tenant;
}

/** The key a request presents, if any. */
function presentedKey(request: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '')?.[1];
  return bearer ?? (request.header('x-api-key')?.trim() || undefined);
}

function unauthorized(message: string): ApiError {
  return new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', message);
}
