import { Inject, Injectable } from '@nestjs/common';
import { HandleEvents, queues } from '@docpipe/events';
import type { Envelope, WebhookDeliveryRequested } from '@docpipe/contracts';
import { KeyedSerial } from './keyed-serial';
import { WebhookDeliveries } from './webhook-deliveries';

/**
 * Sends each requested delivery, one at a time per endpoint and document in the order they were requested: a later
 * event of a document waits while an earlier one is retried, other documents and endpoints go on meanwhile.
 */
@Injectable()
export class DeliverWebhookHandler {
  private readonly serial = new KeyedSerial();

  constructor(@Inject(WebhookDeliveries) private readonly deliveries: WebhookDeliveries) {}

  @HandleEvents(queues.deliverWebhooks)
  handle(request: Envelope<typeof WebhookDeliveryRequested>): Promise<void> {
    const { endpointId, event } = request.payload;
    return this.serial.run(`${endpointId}:${event.documentId}`, () => this.deliveries.deliver(request));
  }
}
