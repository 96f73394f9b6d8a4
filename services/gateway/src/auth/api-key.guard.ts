import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiKeys, currentContext, type KeyHolder } from '@docpipe/platform';
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
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const holder = this.keys.holderOf(presentedKey(request));
    if (!holder) throw unauthorized('The API key is not valid');
    admit(holder, request, context.switchToHttp().getResponse<Response>(), this.limiter);
    return true;
  }
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

/** The key a request presents; 401 when it presents none. */
export function presentedKey(request: Request): string {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '')?.[1];
  const key = bearer ?? (request.header('x-api-key')?.trim() || undefined);
  if (!key) throw unauthorized('No API key: send "Authorization: Bearer <key>" or "x-api-key: <key>"');
  return key;
}

export function unauthorized(message: string): ApiError {
  return new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', message);
}
