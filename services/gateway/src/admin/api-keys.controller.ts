import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RpcClient } from '@docpipe/events';
import {
  apiKeyScopeSchema,
  apiKeyViewSchema,
  CreateApiKey,
  ListApiKeys,
  RevokeApiKey,
  RotateApiKey,
  type ApiKeyView,
} from '@docpipe/contracts';
import { tenantIdSchema, type Principal } from '@docpipe/platform';
import { AdminGuard } from '../auth/admin.guard';
import { Caller } from '../auth/caller.decorator';
import { AuditTrail } from '../security/audit-trail';
import { ApiAnswer, ApiErrors, ApiQueryFrom, openApiSchema } from '../validation/openapi-schema';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';

const createBody = z.object({
  tenantId: tenantIdSchema,
  name: z.string().trim().min(1).max(100),
  scopes: z.array(apiKeyScopeSchema).min(1).default(['read', 'write']),
  expiresAt: z
    .string()
    .datetime({ offset: true })
    .refine((at) => Date.parse(at) > Date.now(), 'expiresAt must be in the future')
    .nullable()
    .default(null),
});
const listQuery = z.object({ tenantId: tenantIdSchema.optional() });
const createdSchema = apiKeyViewSchema.extend({ key: z.string().describe('The key itself: shown this once, stored nowhere.') });
const listSchema = z.object({ items: z.array(apiKeyViewSchema) });
const forbidden = { status: 403, description: 'The key is a tenant’s, not an admin key.' };
const notFound = { status: 404, description: 'No key with this id.' };

/**
 * API keys managed at run time by admins: created, listed, revoked and rotated without a restart. The gateway
 * makes the key and sends metadata only its SHA-256; metadata records it and announces it, and every gateway and
 * notification instance accepts or refuses it within moments (its live copy of the keys, apiKeyFeedProviders).
 */
@ApiTags('admin')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(AdminGuard)
@Controller('api/v1/admin/api-keys')
export class ApiKeysController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description: 'A new key for a tenant; the answer is the only place the key itself appears.',
  })
  @ApiBody({ schema: openApiSchema(createBody, 'input') })
  @ApiAnswer(201, 'The key, with the key itself.', createdSchema)
  @ApiErrors(forbidden, { status: 400, description: 'Invalid tenant, name, scopes or expiry.' })
  async create(
    @Body(new ZodValidationPipe(createBody, 'body')) body: z.output<typeof createBody>,
    @Caller() caller: Principal,
  ): Promise<ApiKeyView & { key: string }> {
    const created = await this.issue(body, caller);
    await this.audit.record(caller, {
      action: 'api-key.created',
      tenantId: created.tenantId,
      target: created.keyId,
      details: { name: created.name, scopes: created.scopes.join(',') },
    });
    return created;
  }

  @Get()
  @ApiOperation({
    summary: 'List API keys',
    description: 'The keys created at run time, newest first, revoked ones included; never the keys themselves.',
  })
  @ApiQueryFrom(listQuery)
  @ApiAnswer(200, 'The keys.', listSchema)
  @ApiErrors(forbidden)
  list(@Query(new ZodValidationPipe(listQuery, 'query')) query: z.output<typeof listQuery>): Promise<{ items: ApiKeyView[] }> {
    return this.rpc.call(ListApiKeys, query);
  }

  @Delete(':keyId')
  @ApiOperation({
    summary: 'Revoke an API key',
    description: 'Refused by every gateway and notification instance within seconds; revoking twice changes nothing.',
  })
  @ApiParam({ name: 'keyId', format: 'uuid' })
  @ApiAnswer(200, 'The revoked key.', apiKeyViewSchema)
  @ApiErrors(forbidden, notFound)
  async revoke(@Param('keyId', new ParseUUIDPipe()) keyId: string, @Caller() caller: Principal): Promise<ApiKeyView> {
    const revoked = await this.rpc.call(RevokeApiKey, { keyId });
    await this.audit.record(caller, { action: 'api-key.revoked', tenantId: revoked.tenantId, target: keyId });
    return revoked;
  }

  @Post(':keyId/rotate')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Rotate an API key',
    description:
      'A new key with the same tenant, name, scopes and expiry; recorded and the old one revoked in one transaction, so a failure leaves the old key as it was.',
  })
  @ApiParam({ name: 'keyId', format: 'uuid' })
  @ApiAnswer(201, 'The new key, with the key itself.', createdSchema)
  @ApiErrors(forbidden, notFound, { status: 409, description: 'The key is revoked.' })
  async rotate(@Param('keyId', new ParseUUIDPipe()) keyId: string, @Caller() caller: Principal): Promise<ApiKeyView & { key: string }> {
    const key = newKey();
    const view = await this.rpc.call(RotateApiKey, {
      keyId,
      newKeyId: randomUUID(),
      prefix: key.prefix,
      sha256: key.sha256,
      createdBy: caller.id,
    });
    await this.audit.record(caller, {
      action: 'api-key.rotated',
      tenantId: view.tenantId,
      target: keyId,
      details: { newKeyId: view.keyId },
    });
    return { ...view, key: key.key };
  }

  private async issue(
    { tenantId, name, scopes, expiresAt }: z.output<typeof createBody>,
    caller: Principal,
  ): Promise<ApiKeyView & { key: string }> {
    const key = newKey();
    const view = await this.rpc.call(CreateApiKey, {
      keyId: randomUUID(),
      tenantId,
      name,
      prefix: key.prefix,
      sha256: key.sha256,
      scopes,
      expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      createdBy: caller.id,
    });
    return { ...view, key: key.key };
  }
}

/** A new key, its prefix (shown in lists) and its SHA-256 (all metadata stores). */
function newKey(): { key: string; prefix: string; sha256: string } {
  // 32 random bytes: no key list, rate or hash comparison makes guessing one worth trying.
  const key = `dpk_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 8), sha256: createHash('sha256').update(key).digest('hex') };
}
