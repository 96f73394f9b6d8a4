import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { Authenticator, AuthFailures } from '@docpipe/platform';
import { Admission } from './admission';
import { identify, type AuthenticatedRequest } from './identify';

/** Routes about the caller itself (GET /api/v1/me): any key or token the gateway accepts, whatever its scopes. */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(Admission) private readonly admission: Admission,
    @Inject(AuthFailures) private readonly failures: AuthFailures,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    await this.admission.admit(await identify(request, response, this.failures, this.authenticator), request, response);
    return true;
  }
}
