import { randomBytes, randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RpcClient } from '@docpipe/events';
import {
  EnableWebhook,
  ListWebhookDeliveries,
  ListWebhooks,
  RedeliverWebhook,
  RegisterWebhook,
  RemoveWebhook,
  webhookDeliveryViewSchema,
  webhookEventTypeSchema,
  webhookViewSchema,
  type WebhookDeliveryView,
  type WebhookView,
} from '@docpipe/contracts';
import { permittedAddresses, type Principal } from '@docpipe/platform';
import { TenantAdminGuard } from '../auth/tenant-admin.guard';
import { Caller } from '../auth/caller.decorator';
import { Tenant } from '../auth/tenant.decorator';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { AuditTrail } from '../security/audit-trail';
import { ApiAnswer, ApiErrors, ApiQueryFrom, openApiSchema } from '../validation/openapi-schema';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';

const registerBody = z.object({
  url: z
    .string()
    .max(2048)
    .url()
    .refine((url) => ['http:', 'https:'].includes(new URL(url).protocol), 'url must be http:// or https://')
    .refine((url) => new URL(url).username === '' && new URL(url).password === '', 'url must not carry credentials; sign requests instead'),
  eventTypes: z.array(webhookEventTypeSchema).min(1),
  description: z.string().trim().max(200).default(''),
});
const deliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const registeredSchema = webhookViewSchema.extend({
  secret: z.string().describe('The signing secret (whsec_…): shown this once; verify each delivery’s Docpipe-Signature with it.'),
});
const forbidden = { status: 403, description: 'The key is not an admin key.' };
const notFound = { status: 404, description: 'No webhook (or delivery) with this id for your tenant.' };

/**
 * A tenant's outgoing webhooks, managed by its admins (admin scope; the tenant is the key's). The gateway checks the
 * URL resolves to a public address (WEBHOOK_ALLOWED_NETWORKS widens that) and makes the signing secret; metadata
 * records the endpoint and announces it to the delivery workers (notification), which check the address again
 * before every connection.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(TenantAdminGuard)
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description:
      'Each event of the given types about your documents is POSTed to the URL, signed; the answer is the only place the secret appears.',
  })
  @ApiBody({ schema: openApiSchema(registerBody, 'input') })
  @ApiAnswer(201, 'The endpoint, with its signing secret.', registeredSchema)
  @ApiErrors(forbidden, { status: 400, description: 'Invalid URL or event types, or a URL whose host is not a public address.' })
  async register(
    @Body(new ZodValidationPipe(registerBody, 'body')) body: z.output<typeof registerBody>,
    @Tenant() tenantId: string,
    @Caller() caller: Principal,
  ): Promise<WebhookView & { secret: string }> {
    await permittedAddresses(new URL(body.url).hostname, this.config.WEBHOOK_ALLOWED_NETWORKS);
    // 32 random bytes: an HMAC key as strong as the hash.
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const view = await this.rpc.call(RegisterWebhook, {
      endpointId: randomUUID(),
      tenantId,
      ...body,
      secret,
      createdBy: caller.id,
    });
    await this.audit.record(caller, {
      action: 'webhook.registered',
      tenantId,
      target: view.endpointId,
      details: { url: view.url, eventTypes: view.eventTypes.join(',') },
    });
    return { ...view, secret };
  }

  @Get()
  @ApiOperation({
    summary: 'List webhook endpoints',
    description: 'Your tenant’s endpoints, newest first, disabled ones with the reason; never the secrets.',
  })
  @ApiAnswer(200, 'The endpoints.', z.object({ items: z.array(webhookViewSchema) }))
  @ApiErrors(forbidden)
  list(@Tenant() tenantId: string): Promise<{ items: WebhookView[] }> {
    return this.rpc.call(ListWebhooks, { tenantId });
  }

  @Delete(':endpointId')
  @ApiOperation({ summary: 'Remove a webhook endpoint', description: 'Nothing more is sent to it; its delivery log goes with it.' })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @ApiAnswer(200, 'The removed endpoint.', webhookViewSchema)
  @ApiErrors(forbidden, notFound)
  async remove(
    @Param('endpointId', new ParseUUIDPipe()) endpointId: string,
    @Tenant() tenantId: string,
    @Caller() caller: Principal,
  ): Promise<WebhookView> {
    const removed = await this.rpc.call(RemoveWebhook, { tenantId, endpointId });
    await this.audit.record(caller, { action: 'webhook.removed', tenantId, target: endpointId, details: { url: removed.url } });
    return removed;
  }

  @Post(':endpointId/enable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Enable a disabled webhook endpoint',
    description:
      'Deliveries start again (the reason is cleared); redrive the dead letters of notification.deliver-webhooks to send what was abandoned.',
  })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @ApiAnswer(200, 'The endpoint, active.', webhookViewSchema)
  @ApiErrors(forbidden, notFound)
  async enable(
    @Param('endpointId', new ParseUUIDPipe()) endpointId: string,
    @Tenant() tenantId: string,
    @Caller() caller: Principal,
  ): Promise<WebhookView> {
    const enabled = await this.rpc.call(EnableWebhook, { tenantId, endpointId });
    await this.audit.record(caller, { action: 'webhook.enabled', tenantId, target: endpointId, details: { url: enabled.url } });
    return enabled;
  }

  @Get(':endpointId/deliveries')
  @ApiOperation({
    summary: 'List an endpoint’s deliveries',
    description: 'Newest first, each with every attempt (status or error, duration).',
  })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @ApiQueryFrom(deliveriesQuery)
  @ApiAnswer(200, 'The deliveries.', z.object({ items: z.array(webhookDeliveryViewSchema) }))
  @ApiErrors(forbidden, notFound)
  deliveries(
    @Param('endpointId', new ParseUUIDPipe()) endpointId: string,
    @Query(new ZodValidationPipe(deliveriesQuery, 'query')) query: z.output<typeof deliveriesQuery>,
    @Tenant() tenantId: string,
  ): Promise<{ items: WebhookDeliveryView[] }> {
    return this.rpc.call(ListWebhookDeliveries, { tenantId, endpointId, limit: query.limit });
  }

  @Post(':endpointId/deliveries/:deliveryId/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Redeliver a delivery',
    description: 'Sends the delivery’s event again as a new delivery (its own Docpipe-Delivery id, `redeliveryOf` the old one).',
  })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @ApiParam({ name: 'deliveryId', format: 'uuid' })
  @ApiAnswer(202, 'The new delivery, pending.', webhookDeliveryViewSchema)
  @ApiErrors(forbidden, notFound, { status: 409, description: 'The endpoint is disabled.' })
  async redeliver(
    @Param('endpointId', new ParseUUIDPipe()) endpointId: string,
    @Param('deliveryId', new ParseUUIDPipe()) deliveryId: string,
    @Tenant() tenantId: string,
    @Caller() caller: Principal,
  ): Promise<WebhookDeliveryView> {
    const redelivery = await this.rpc.call(RedeliverWebhook, { tenantId, endpointId, deliveryId, newDeliveryId: randomUUID() });
    await this.audit.record(caller, {
      action: 'webhook.redelivered',
      tenantId,
      target: endpointId,
      details: { deliveryId, redeliveryId: redelivery.deliveryId, eventType: redelivery.eventType },
    });
    return redelivery;
  }
}
