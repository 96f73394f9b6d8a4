import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RpcClient } from '@docpipe/events';
import { auditedActionSchema, auditEntrySchema, ListAuditEntries, type ResponseOf } from '@docpipe/contracts';
import { tenantIdSchema } from '@docpipe/platform';
import { AdminGuard } from '../auth/admin.guard';
import { instant, page } from '../documents/document.queries';
import { ApiAnswer, ApiErrors, ApiQueryFrom } from '../validation/openapi-schema';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';

const auditQuery = z
  .object({
    tenantId: tenantIdSchema.optional().describe('Only actions on this tenant.'),
    action: auditedActionSchema.optional(),
    actor: z.string().trim().min(1).max(255).optional().describe('Only actions by this principal id, key id or token subject.'),
    target: z.string().trim().min(1).max(255).optional().describe('Only actions on this key id, webhook id, document id or queue.'),
    from: instant.optional().describe('Only actions at or after this instant.'),
    to: instant.optional().describe('Only actions before this instant.'),
    page,
    size: z.coerce.number().int().min(1).max(200).default(50).describe('Entries per page, 1-200.'),
  })
  .strict();
const pageSchema = z.object({ items: z.array(auditEntrySchema), total: z.number().int(), page: z.number().int(), size: z.number().int() });
const forbidden = { status: 403, description: 'The key is a tenant’s, not an admin key.' };

/** The audit log of admin actions, kept by metadata: who created, revoked or rotated a key, redrove dead letters, deleted a document. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(AdminGuard)
@Controller('api/v1/admin/audit')
export class AuditController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'Audit log',
    description:
      'Admin actions, newest first: API keys created, revoked and rotated, webhooks registered, removed, enabled and redelivered, dead letters redriven, documents deleted; each with its actor, tenant, time, target and correlation id.',
  })
  @ApiQueryFrom(auditQuery)
  @ApiAnswer(200, 'A page of entries.', pageSchema)
  @ApiErrors(forbidden, { status: 400, description: 'A filter or page out of range.' })
  list(
    @Query(new ZodValidationPipe(auditQuery, 'query')) query: z.output<typeof auditQuery>,
  ): Promise<ResponseOf<typeof ListAuditEntries>> {
    return this.rpc.call(ListAuditEntries, query);
  }
}
