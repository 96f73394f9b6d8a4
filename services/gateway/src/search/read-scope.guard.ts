import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { Authenticator, AuthFailures } from '@docpipe/platform';
import { admit, identify, requireScope, type AuthenticatedRequest } from '../auth/identify';
import { RateLimiter } from '../security/rate-limiter';

/**
 * TenantGuard for a route that only reads though it is a POST (a question is a body, not a query string): the
 * read scope is enough, whatever the method. The tenant still comes from the key or token alone.
 */
@Injectable()
export class ReadScopeGuard implements CanActivate {
  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(AuthFailures) private readonly failures: AuthFailures,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const principal = await identify(request, response, this.failures, this.authenticator);
    requireScope(principal, 'read', "use a tenant's API key, or a token with a role OIDC_ROLE_SCOPES maps to read");
    admit(principal, request, response, this.limiter);
    return true;
  }
}
