import { AppError } from '@docpipe/platform';

export class WebhookNotFoundError extends AppError {
  constructor(endpointId: string) {
    super('webhook_not_found', `Webhook ${endpointId} was not found; list your webhooks to see their ids`);
  }
}

export class WebhookConflictError extends AppError {
  constructor(endpointId: string) {
    super('webhook_conflict', `Webhook id ${endpointId} is already taken; register it again`);
  }
}

export class WebhookDeliveryNotFoundError extends AppError {
  constructor(deliveryId: string) {
    super('webhook_delivery_not_found', `Delivery ${deliveryId} was not found for this webhook; list its deliveries to see their ids`);
  }
}

export class WebhookDisabledError extends AppError {
  constructor(endpointId: string, reason: string) {
    super(
      'webhook_disabled_conflict',
      `Webhook ${endpointId} is disabled (${reason}); enable it (POST /api/v1/webhooks/<id>/enable) once it answers`,
    );
  }
}
