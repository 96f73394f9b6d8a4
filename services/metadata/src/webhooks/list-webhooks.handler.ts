import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { ListWebhooks, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { WebhookEndpointEntity } from '../database/webhook-endpoint.entity';
import { toWebhookView } from './webhook-view.mapper';

@Injectable()
export class ListWebhooksHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(ListWebhooks)
  async list({ tenantId }: RequestOf<typeof ListWebhooks>): Promise<ResponseOf<typeof ListWebhooks>> {
    const endpoints = await this.dataSource.manager.find(WebhookEndpointEntity, { where: { tenantId }, order: { createdAt: 'DESC' } });
    return { items: endpoints.map(toWebhookView) };
  }
}
