import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { claimEvent, HandleEvents, queues } from '@docpipe/events';
import { WebhookDeliveryAttempted, WebhookDeliveryRequested, WebhookDisabled, type Envelope } from '@docpipe/contracts';
import { AppError } from '@docpipe/platform';
import { WebhookDeliveryEntity } from '../database/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../database/webhook-endpoint.entity';

type Recorded = typeof WebhookDeliveryRequested | typeof WebhookDeliveryAttempted | typeof WebhookDisabled;

const CONSUMER = 'metadata.record-webhook-deliveries';

class DeliveryNotLoggedYetError extends AppError {
  constructor(deliveryId: string) {
    super('webhook_delivery_not_logged', `Delivery ${deliveryId} is not logged yet; its attempt is recorded on a retry`);
  }
}

/**
 * Keeps the delivery log: a requested delivery becomes a pending row (kept with its event for redelivery), each attempt
 * the worker reports is appended once (inbox), and a delivery ends delivered or abandoned, never back to pending. A
 * disabled endpoint keeps the worker's reason.
 */
@Injectable()
export class RecordWebhookDeliveriesHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @HandleEvents(queues.recordWebhookDeliveries)
  async handle(event: Envelope<Recorded>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await claimEvent((sql, parameters) => manager.query(sql, parameters), CONSUMER, event.id))) return;
      if (event.type === WebhookDeliveryRequested.type) await this.requested(manager, event as Envelope<typeof WebhookDeliveryRequested>);
      else if (event.type === WebhookDeliveryAttempted.type)
        await this.attempted(manager, event as Envelope<typeof WebhookDeliveryAttempted>);
      else await this.disabled(manager, event as Envelope<typeof WebhookDisabled>);
    });
  }

  private async requested(manager: EntityManager, { payload, occurredAt }: Envelope<typeof WebhookDeliveryRequested>): Promise<void> {
    // A redelivery is logged by the request that asked for it; a removed endpoint's deliveries are not logged.
    await manager.query(
      `INSERT INTO webhook_deliveries (delivery_id, endpoint_id, event_id, event_type, document_id, event, state, redelivery_of, requested_at)
       SELECT $1, $2, $3, $4, $5, $6, 'pending', $7, $8 WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE endpoint_id = $2)
       ON CONFLICT (delivery_id) DO NOTHING`,
      [
        payload.deliveryId,
        payload.endpointId,
        payload.event.id,
        payload.event.type,
        payload.event.documentId,
        JSON.stringify(payload.event),
        payload.redeliveryOf,
        occurredAt,
      ],
    );
  }

  private async attempted(manager: EntityManager, { payload, occurredAt }: Envelope<typeof WebhookDeliveryAttempted>): Promise<void> {
    const { deliveryId, endpointId, attempt, outcome, statusCode, error, durationMs } = payload;
    const delivery = await manager.findOne(WebhookDeliveryEntity, { where: { deliveryId }, lock: { mode: 'pessimistic_write' } });
    if (!delivery) {
      // Its request may still be on its way in this queue; gone with a removed endpoint, there is nothing to log.
      if (await manager.existsBy(WebhookEndpointEntity, { endpointId })) throw new DeliveryNotLoggedYetError(deliveryId);
      return;
    }
    // Reports of one delivery may be applied out of order (handled side by side, or one retried): kept by attempt.
    delivery.attempts = [...delivery.attempts, { attempt, at: occurredAt, statusCode, error, durationMs }].sort(
      (a, b) => a.attempt - b.attempt,
    );
    if (delivery.state === 'pending' && outcome !== 'retrying') {
      delivery.state = outcome;
      delivery.finishedAt = new Date(occurredAt);
    }
    await manager.save(WebhookDeliveryEntity, delivery);
  }

  private async disabled(manager: EntityManager, { tenantId, payload, occurredAt }: Envelope<typeof WebhookDisabled>): Promise<void> {
    await manager.update(
      WebhookEndpointEntity,
      { endpointId: payload.endpointId, tenantId, state: 'active' },
      { state: 'disabled', disabledCode: payload.code, disabledReason: payload.reason, disabledAt: new Date(occurredAt) },
    );
  }
}
