import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { ApiKeys, AuthFailures, type KeyHolder } from '@docpipe/platform';
import { ApiError } from '../errors/api-error';
import { RateLimiter } from '../security/rate-limiter';
import { admit, identify, type AuthenticatedRequest } from './api-key.guard';

/** The keys of ADMIN_API_KEYS, apart from the tenants' keys. */
export const ADMIN_KEYS = Symbol('docpipe:admin-keys');

/** Admin routes see every tenant's data: only ADMIN_API_KEYS open them; a tenant's key is known but forbidden. */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  constructor(
    @Inject(ADMIN_KEYS) private readonly adminKeys: ApiKeys,
    @Inject(ApiKeys) private readonly tenantKeys: ApiKeys,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(AuthFailures) private readonly failures: AuthFailures,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const admin = await identify(request, response, this.failures, (key) => this.adminHolderOf(key));
    admit(admin, request, response, this.limiter);
    return true;
  }

  /** A tenant's key is a known key, not a failed guess: 403 rather than a count towards throttling. */
  private adminHolderOf(key: string): KeyHolder | undefined {
    const admin = this.adminKeys.holderOf(key);
    if (admin) return admin;
    if (this.tenantKeys.holderOf(key))
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', 'This API key cannot use the admin API; use a key from ADMIN_API_KEYS');
    return undefined;
  }
}
