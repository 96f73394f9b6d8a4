import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { RemoveWebhook, WebhookRemoved, type RequestOf, type WebhookView } from '@docpipe/contracts';
import { WebhookEndpointEntity } from '../database/webhook-endpoint.entity';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { WebhookNotFoundError } from './webhook-errors';
import { toWebhookView } from './webhook-view.mapper';

/** Deletes the endpoint (and its delivery log) and announces it in the same transaction; another tenant's id is not found. */
@Injectable()
export class RemoveWebhookHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(RemoveWebhook)
  async remove({ tenantId, endpointId }: RequestOf<typeof RemoveWebhook>): Promise<WebhookView> {
    const endpoint = await this.dataSource.transaction(async (manager) => {
      const endpoint = await manager.findOne(WebhookEndpointEntity, {
        where: { endpointId, tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!endpoint) throw new WebhookNotFoundError(endpointId);
      await manager.delete(WebhookEndpointEntity, { endpointId });
      await enqueueEvent(
        (sql, parameters) => manager.query(sql, parameters),
        WebhookRemoved,
        { endpointId },
        { tenantId, documentId: endpointId },
      );
      return endpoint;
    });
    this.outbox.wake();
    return toWebhookView(endpoint);
  }
}
