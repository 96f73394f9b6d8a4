import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { Authenticator, AuthFailures } from '@docpipe/platform';
import { Admission } from './admission';
import { identify, requireScope, type AuthenticatedRequest } from './identify';
import { READING_ROUTE } from './reading-route.decorator';

// Reading routes are the safe methods; everything else changes a tenant's documents.
const READING = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Tenant routes: the request's API key or token sets its tenant (never something a client can choose), and
 * must grant read (GET, or a route marked @ReadingRoute) or write (any other method). Each key or token subject has
 * its own request rate.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(Admission) private readonly admission: Admission,
    @Inject(AuthFailures) private readonly failures: AuthFailures,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const principal = await identify(request, response, this.failures, this.authenticator);
    const reading =
      READING.has(request.method) || this.reflector.getAllAndOverride<boolean>(READING_ROUTE, [context.getHandler(), context.getClass()]);
    const scope = reading ? 'read' : 'write';
    requireScope(principal, scope, `use a tenant's API key, or a token with a role OIDC_ROLE_SCOPES maps to ${scope}`);
    await this.admission.admit(principal, request, response);
    return true;
  }
}
