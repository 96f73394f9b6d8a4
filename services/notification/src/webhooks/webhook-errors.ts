import { NonRetryableError } from '@docpipe/platform';

export class DeliveryAbandonedError extends NonRetryableError {
  constructor(deliveryId: string, attempts: number, lastError: string) {
    super(
      'webhook_delivery_abandoned',
      `Delivery ${deliveryId} abandoned after ${attempts} tries (${lastError}); fix the receiver, then redeliver it from the delivery log`,
    );
  }
}

export class EndpointDisabledError extends NonRetryableError {
  constructor(endpointId: string, deliveryId: string) {
    super(
      'webhook_endpoint_disabled',
      `Delivery ${deliveryId} not sent: webhook ${endpointId} is disabled; enable it once it answers, then redrive this dead letter`,
    );
  }
}
