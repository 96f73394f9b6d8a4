import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventPublisher, HandleEvents, queues } from '@docpipe/events';
import { WebhookDeliveryRequested, type Envelope, type webhookEventContracts } from '@docpipe/contracts';
import { KeyedSerial } from './keyed-serial';
import { WebhookEndpointFeed } from './webhook-endpoint-feed';
import { WebhookEndpoints } from './webhook-endpoints';

type Subscribable = (typeof webhookEventContracts)[number];

/**
 * One webhook.delivery-requested per endpoint of the event's tenant subscribed to its type. Requests of one document
 * are published in the order its events arrived (one active consumer, serial per document), and a redelivered event
 * requests the same delivery ids again (derived from endpoint and event), so receivers can drop the duplicate.
 */
@Injectable()
export class FanOutWebhooksHandler {
  private readonly serial = new KeyedSerial();

  constructor(
    @Inject(WebhookEndpoints) private readonly endpoints: WebhookEndpoints,
    @Inject(WebhookEndpointFeed) private readonly feed: WebhookEndpointFeed,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
  ) {}

  @HandleEvents(queues.fanOutWebhooks)
  handle(event: Envelope<Subscribable>): Promise<void> {
    return this.serial.run(event.documentId, async () => {
      await this.feed.loaded;
      for (const endpoint of this.endpoints.subscribedTo(event.tenantId, event.type)) {
        const deliveryId = deliveryIdOf(endpoint.endpointId, event.id);
        await this.publisher.publish(
          WebhookDeliveryRequested,
          { deliveryId, endpointId: endpoint.endpointId, event, redeliveryOf: null },
          { tenantId: event.tenantId, documentId: event.documentId },
        );
      }
    });
  }
}

/** A UUID (version 5 layout) from endpoint and event: the same pair always names the same delivery. */
export function deliveryIdOf(endpointId: string, eventId: string): string {
  const hash = createHash('sha1').update(`${endpointId}:${eventId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
