import { z } from 'zod';
import { webhookDisabledCodeSchema, webhookEventTypeSchema } from '../events/webhook-events';
import { defineRequest } from '../request';

const tenantId = z.string().min(1);
const endpointId = z.string().uuid();

/** An endpoint as its tenant's admins see it: never its secret. */
export const webhookViewSchema = z.object({
  endpointId,
  tenantId,
  url: z.string().url(),
  eventTypes: z.array(webhookEventTypeSchema),
  description: z.string(),
  state: z.enum(['active', 'disabled']),
  /** Why the delivery worker disabled it, null while active. */
  disabled: z.object({ code: webhookDisabledCodeSchema, reason: z.string(), at: z.string().datetime() }).nullable(),
  createdAt: z.string().datetime(),
  createdBy: z.string(),
});
export type WebhookView = z.output<typeof webhookViewSchema>;

/** What a delivery worker needs to send to an endpoint, secret included. */
export const activeWebhookSchema = z.object({
  endpointId,
  tenantId,
  url: z.string().url(),
  eventTypes: z.array(webhookEventTypeSchema).min(1),
  secret: z.string().min(16),
});
export type ActiveWebhook = z.output<typeof activeWebhookSchema>;

export const webhookAttemptSchema = z.object({
  /** 0: abandoned without a try (the endpoint was disabled meanwhile). */
  attempt: z.number().int().nonnegative(),
  at: z.string().datetime(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nonnegative(),
});

/** One delivery of one event to one endpoint, with every attempt. */
export const webhookDeliveryViewSchema = z.object({
  deliveryId: z.string().uuid(),
  endpointId,
  eventId: z.string().uuid(),
  eventType: z.string(),
  documentId: z.string(),
  state: z.enum(['pending', 'delivered', 'abandoned']),
  attempts: z.array(webhookAttemptSchema),
  redeliveryOf: z.string().uuid().nullable(),
  requestedAt: z.string().datetime(),
  finishedAt: z.string().datetime().nullable(),
});
export type WebhookDeliveryView = z.output<typeof webhookDeliveryViewSchema>;

/**
 * Records an endpoint (its URL already checked by the gateway) and announces webhook.registered in the same
 * transaction. Errors: `webhook_conflict` when the id is taken.
 */
export const RegisterWebhook = defineRequest({
  name: 'metadata.register-webhook',
  service: 'metadata',
  description: 'Records a webhook endpoint for a tenant and announces it to the delivery workers.',
  errors: ['webhook_conflict'],
  request: z.object({
    endpointId,
    tenantId,
    url: z.string().url().max(2048),
    eventTypes: z.array(webhookEventTypeSchema).min(1),
    description: z.string().max(200),
    secret: z.string().min(16),
    createdBy: z.string().min(1).max(100),
  }),
  response: webhookViewSchema,
});

export const ListWebhooks = defineRequest({
  name: 'metadata.list-webhooks',
  service: 'metadata',
  description: 'The webhook endpoints of one tenant, newest first.',
  errors: [],
  request: z.object({ tenantId }),
  response: z.object({ items: z.array(webhookViewSchema) }),
});

/** Removes an endpoint of the tenant and announces webhook.removed. Errors: `webhook_not_found`. */
export const RemoveWebhook = defineRequest({
  name: 'metadata.remove-webhook',
  service: 'metadata',
  description: 'Removes a webhook endpoint and announces it; its delivery log goes with it.',
  errors: ['webhook_not_found'],
  request: z.object({ tenantId, endpointId }),
  response: webhookViewSchema,
});

/**
 * Turns a disabled endpoint back on (its reason cleared) and announces it as webhook.registered again, so the workers
 * send to it; enabling an active endpoint answers it unchanged. Errors: `webhook_not_found`.
 */
export const EnableWebhook = defineRequest({
  name: 'metadata.enable-webhook',
  service: 'metadata',
  description: 'Turns a disabled webhook endpoint back on and announces it to the delivery workers.',
  errors: ['webhook_not_found'],
  request: z.object({ tenantId, endpointId }),
  response: webhookViewSchema,
});

/** What a delivery worker loads at start, before the webhook events keep it current. */
export const ListActiveWebhooks = defineRequest({
  name: 'metadata.list-active-webhooks',
  service: 'metadata',
  description: 'Every active webhook endpoint with its secret, for the delivery workers.',
  errors: [],
  request: z.object({}),
  response: z.object({ items: z.array(activeWebhookSchema) }),
});

/** An endpoint's deliveries, newest first. Errors: `webhook_not_found`. */
export const ListWebhookDeliveries = defineRequest({
  name: 'metadata.list-webhook-deliveries',
  service: 'metadata',
  description: 'The delivery log of one endpoint of the tenant, newest first, with every attempt.',
  errors: ['webhook_not_found'],
  request: z.object({ tenantId, endpointId, limit: z.number().int().min(1).max(200) }),
  response: z.object({ items: z.array(webhookDeliveryViewSchema) }),
});

/**
 * Asks for a delivery's event to be sent again, as a new delivery (`newDeliveryId`, `redeliveryOf` the old), announced
 * in the same transaction. Errors: `webhook_not_found`, `webhook_delivery_not_found`, `webhook_disabled_conflict`.
 */
export const RedeliverWebhook = defineRequest({
  name: 'metadata.redeliver-webhook',
  service: 'metadata',
  description: 'Sends a logged delivery’s event to its endpoint again, as a new delivery.',
  errors: ['webhook_not_found', 'webhook_delivery_not_found', 'webhook_disabled_conflict'],
  request: z.object({ tenantId, endpointId, deliveryId: z.string().uuid(), newDeliveryId: z.string().uuid() }),
  response: webhookDeliveryViewSchema,
});
