import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { ListActiveWebhooks, type ResponseOf } from '@docpipe/contracts';
import { WebhookEndpointEntity } from '../database/webhook-endpoint.entity';
import { toActiveWebhook } from './webhook-view.mapper';

/** The snapshot a delivery worker starts from; the webhook events keep it current afterwards. */
@Injectable()
export class ListActiveWebhooksHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(ListActiveWebhooks)
  async list(): Promise<ResponseOf<typeof ListActiveWebhooks>> {
    const endpoints = await this.dataSource.manager.find(WebhookEndpointEntity, { where: { state: 'active' } });
    return { items: endpoints.map(toActiveWebhook) };
  }
}
