import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { sessionViewSchema, type SessionView } from '@docpipe/contracts';
import type { Principal } from '@docpipe/platform';
import { isInstallationAdmin } from '../auth/admin.guard';
import { Caller } from '../auth/caller.decorator';
import { CallerGuard } from '../auth/caller.guard';
import { ApiAnswer } from '../validation/openapi-schema';

/** Who the request's key or token is, so a client shows what it opens instead of trying routes to find out. */
@ApiTags('session')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(CallerGuard)
@Controller('api/v1/me')
export class MeController {
  @Get()
  @ApiOperation({
    summary: 'Who the key or token is',
    description:
      'Its tenant, its scopes, and which administration it opens: the installation’s admin routes (`admin`) and its ' +
      'tenant’s webhooks (`tenantAdmin`). Any key or token the gateway accepts may ask; it changes nothing.',
  })
  @ApiAnswer(200, 'The caller.', sessionViewSchema)
  me(@Caller() principal: Principal): SessionView {
    return {
      tenantId: principal.tenant,
      principalId: principal.id,
      scopes: [...principal.scopes],
      admin: isInstallationAdmin(principal),
      tenantAdmin: principal.scopes.includes('admin'),
      expiresAt: principal.expiresAt?.toISOString() ?? null,
    };
  }
}
