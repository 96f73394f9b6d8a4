import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeys, currentContext } from '@docpipe/platform';
import { ApiError } from '../errors/api-error';

export interface AuthenticatedRequest extends Request {
  tenantId: string;
}

/**
 * Takes the API key from `Authorization: Bearer <key>` or `x-api-key` and sets the request's tenant
 * from it: the tenant is never something a client can choose.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(ApiKeys) private readonly keys: ApiKeys) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = keyOf(request);
    if (!key) throw unauthorized('No API key: send "Authorization: Bearer <key>" or "x-api-key: <key>"');
    const tenantId = this.keys.tenantOf(key);
    if (!tenantId) throw unauthorized('The API key is not valid');
    request.tenantId = tenantId;
    // Logs and requests to other services made for this request carry the tenant from here on.
    const work = currentContext();
    if (work) work.tenantId = tenantId;
    return true;
  }
}

function keyOf(request: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '')?.[1];
  return bearer ?? (request.header('x-api-key')?.trim() || undefined);
}

function unauthorized(message: string): ApiError {
  return new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', message);
}
