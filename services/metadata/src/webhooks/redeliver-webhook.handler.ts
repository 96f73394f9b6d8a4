import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { envelopeSchema, RedeliverWebhook, WebhookDeliveryRequested, type RequestOf, type WebhookDeliveryView } from '@docpipe/contracts';
import { WebhookDeliveryEntity } from '../database/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../database/webhook-endpoint.entity';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { WebhookDeliveryNotFoundError, WebhookDisabledError, WebhookNotFoundError } from './webhook-errors';
import { toDeliveryView } from './webhook-view.mapper';

/**
 * Logs a new pending delivery of a logged delivery's event and asks the delivery worker to send it, in one transaction.
 * A new delivery id, so a receiver that dedupes by Docpipe-Delivery still takes an admin's deliberate resend.
 */
@Injectable()
export class RedeliverWebhookHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(RedeliverWebhook)
  async redeliver({ tenantId, endpointId, deliveryId, newDeliveryId }: RequestOf<typeof RedeliverWebhook>): Promise<WebhookDeliveryView> {
    const delivery = await this.dataSource.transaction(async (manager) => {
      const endpoint = await manager.findOneBy(WebhookEndpointEntity, { endpointId, tenantId });
      if (!endpoint) throw new WebhookNotFoundError(endpointId);
      if (endpoint.state === 'disabled') throw new WebhookDisabledError(endpointId, endpoint.disabledReason ?? 'disabled');
      const original = await manager.findOneBy(WebhookDeliveryEntity, { deliveryId, endpointId });
      if (!original) throw new WebhookDeliveryNotFoundError(deliveryId);
      const delivery = manager.create(WebhookDeliveryEntity, {
        ...original,
        deliveryId: newDeliveryId,
        state: 'pending',
        attempts: [],
        redeliveryOf: deliveryId,
        requestedAt: new Date(),
        finishedAt: null,
      });
      await manager.save(WebhookDeliveryEntity, delivery);
      await enqueueEvent(
        (sql, parameters) => manager.query(sql, parameters),
        WebhookDeliveryRequested,
        { deliveryId: newDeliveryId, endpointId, event: envelopeSchema.parse(original.event), redeliveryOf: deliveryId },
        { tenantId, documentId: original.documentId },
      );
      return delivery;
    });
    this.outbox.wake();
    return toDeliveryView(delivery);
  }
}
