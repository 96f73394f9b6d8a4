import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { KeyUse } from '@docpipe/events';
import { currentContext, type Principal } from '@docpipe/platform';
import { ApiError } from '../errors/api-error';
import { RequestRate } from '../security/request-rate';
import type { AuthenticatedRequest } from './identify';

/** What every guard does once it knows who calls and that they may: count the request, then let it through. */
@Injectable()
export class Admission {
  constructor(
    @Inject(RequestRate) private readonly rate: RequestRate,
    @Inject(KeyUse) private readonly keyUse: KeyUse,
  ) {}

  /**
   * Marks the request as the principal's and takes it from the principal's rate; 429 with Retry-After when over.
   * Callers must await it: an admission not awaited lets the request through whatever the rate says.
   */
  async admit(principal: Principal, request: AuthenticatedRequest, response: Response): Promise<void> {
    const limited = await this.rate.take(principal.id);
    if (limited) {
      response.setHeader('Retry-After', String(limited.retryAfterSeconds));
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'rate_limited',
        `Too many requests with this API key or token; try again in ${limited.retryAfterSeconds} s`,
      );
    }
    request.principal = principal;
    request.tenantId = principal.tenant;
    // Logs and requests to other services made for this request carry the tenant from here on.
    const work = currentContext();
    if (work) work.tenantId = principal.tenant;
    this.keyUse.used(principal);
  }
}
