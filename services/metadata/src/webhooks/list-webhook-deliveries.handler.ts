import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { ListWebhookDeliveries, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { WebhookDeliveryEntity } from '../database/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../database/webhook-endpoint.entity';
import { WebhookNotFoundError } from './webhook-errors';
import { toDeliveryView } from './webhook-view.mapper';

@Injectable()
export class ListWebhookDeliveriesHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(ListWebhookDeliveries)
  async list({ tenantId, endpointId, limit }: RequestOf<typeof ListWebhookDeliveries>): Promise<ResponseOf<typeof ListWebhookDeliveries>> {
    const { manager } = this.dataSource;
    if (!(await manager.existsBy(WebhookEndpointEntity, { endpointId, tenantId }))) throw new WebhookNotFoundError(endpointId);
    const deliveries = await manager.find(WebhookDeliveryEntity, { where: { endpointId }, order: { requestedAt: 'DESC' }, take: limit });
    return { items: deliveries.map(toDeliveryView) };
  }
}
