import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { Authenticator, AuthFailures, type Principal } from '@docpipe/platform';
import { Admission } from './admission';
import { identify, requireScope, type AuthenticatedRequest } from './identify';

/**
 * A tenant's own administration (its webhooks): any key or token with the admin scope, acting on the tenant it
 * belongs to — including a key an operator made at run time for that tenant with the admin scope.
 */
@Injectable()
export class TenantAdminGuard implements CanActivate {
  protected readonly hint: string = 'use a key of your tenant with the admin scope (POST /api/v1/admin/api-keys makes one)';

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
    requireScope(principal, 'admin', this.hint);
    this.refuseOther(principal);
    await this.admission.admit(principal, request, response);
    return true;
  }

  /** Whom the routes refuse beyond a caller without the admin scope (a 403 thrown here); nobody for a tenant's own. */
  protected refuseOther(_principal: Principal): void {}
}
