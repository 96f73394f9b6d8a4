import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { ApiKeys } from '@docpipe/platform';
import { ApiError } from '../errors/api-error';
import { RateLimiter } from '../security/rate-limiter';
import { admit, presentedKey, unauthorized, type AuthenticatedRequest } from './api-key.guard';

/** The keys of ADMIN_API_KEYS, apart from the tenants' keys. */
export const ADMIN_KEYS = Symbol('docpipe:admin-keys');

/** Admin routes see every tenant's data: only ADMIN_API_KEYS open them; a tenant's key is known but forbidden. */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  constructor(
    @Inject(ADMIN_KEYS) private readonly adminKeys: ApiKeys,
    @Inject(ApiKeys) private readonly tenantKeys: ApiKeys,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = presentedKey(request);
    const admin = this.adminKeys.holderOf(key);
    if (admin) {
      admit(admin, request, context.switchToHttp().getResponse<Response>(), this.limiter);
      return true;
    }
    if (this.tenantKeys.holderOf(key))
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', 'This API key cannot use the admin API; use a key from ADMIN_API_KEYS');
    throw unauthorized('The API key is not valid');
  }
}
