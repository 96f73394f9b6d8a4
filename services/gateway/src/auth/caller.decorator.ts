import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@docpipe/platform';
import type { AuthenticatedRequest } from './identify';

/** Who the guard admitted: the principal of the request's API key or token. */
export const Caller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
