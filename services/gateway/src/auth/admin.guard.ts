import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { Authenticator, AuthFailures } from '@docpipe/platform';
import { Admission } from './admission';
import { identify, requireScope, type AuthenticatedRequest } from './identify';

/**
 * Admin routes see every tenant's data: only the keys of ADMIN_API_KEYS and tokens with a role mapped to admin
 * open them; a tenant's key or a token without that role is known but forbidden (403).
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(Admission) private readonly admission: Admission,
    @Inject(AuthFailures) private readonly failures: AuthFailures,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const principal = await identify(request, response, this.failures, this.authenticator);
    requireScope(principal, 'admin', 'use a key from ADMIN_API_KEYS, or a token with a role OIDC_ROLE_SCOPES maps to admin');
    await this.admission.admit(principal, request, response);
    return true;
  }
}
