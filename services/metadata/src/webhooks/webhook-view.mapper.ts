import type { ActiveWebhook, WebhookDeliveryView, WebhookView } from '@docpipe/contracts';
import type { WebhookDeliveryEntity } from '../database/webhook-delivery.entity';
import type { WebhookEndpointEntity } from '../database/webhook-endpoint.entity';

type EventTypes = WebhookView['eventTypes'];
type DisabledCode = NonNullable<WebhookView['disabled']>['code'];

export function toWebhookView(endpoint: WebhookEndpointEntity): WebhookView {
  const { endpointId, tenantId, url, description, state, createdBy } = endpoint;
  const disabled =
    state === 'disabled' && endpoint.disabledAt
      ? { code: endpoint.disabledCode as DisabledCode, reason: endpoint.disabledReason ?? '', at: endpoint.disabledAt.toISOString() }
      : null;
  return {
    endpointId,
    tenantId,
    url,
    eventTypes: endpoint.eventTypes as EventTypes,
    description,
    state,
    disabled,
    createdAt: endpoint.createdAt.toISOString(),
    createdBy,
  };
}

export function toActiveWebhook(endpoint: WebhookEndpointEntity): ActiveWebhook {
  const { endpointId, tenantId, url, secret } = endpoint;
  return { endpointId, tenantId, url, secret, eventTypes: endpoint.eventTypes as EventTypes };
}

export function toDeliveryView(delivery: WebhookDeliveryEntity): WebhookDeliveryView {
  const { deliveryId, endpointId, eventId, eventType, documentId, state, attempts, redeliveryOf } = delivery;
  return {
    deliveryId,
    endpointId,
    eventId,
    eventType,
    documentId,
    state,
    attempts,
    redeliveryOf,
    requestedAt: delivery.requestedAt.toISOString(),
    finishedAt: delivery.finishedAt?.toISOString() ?? null,
  };
}
