import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { EnableWebhook, WebhookRegistered, type RequestOf, type WebhookView } from '@docpipe/contracts';
import { WebhookEndpointEntity } from '../database/webhook-endpoint.entity';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { WebhookNotFoundError } from './webhook-errors';
import { toActiveWebhook, toWebhookView } from './webhook-view.mapper';

/**
 * Turns a disabled endpoint back on and announces it (webhook.registered) in the same transaction; what was abandoned
 * meanwhile waits in the delivery worker's dead-letter queue, to be redriven.
 */
@Injectable()
export class EnableWebhookHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(EnableWebhook)
  async enable({ tenantId, endpointId }: RequestOf<typeof EnableWebhook>): Promise<WebhookView> {
    const { endpoint, enabled } = await this.dataSource.transaction(async (manager) => {
      const endpoint = await manager.findOne(WebhookEndpointEntity, {
        where: { endpointId, tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!endpoint) throw new WebhookNotFoundError(endpointId);
      if (endpoint.state === 'active') return { endpoint, enabled: false };
      Object.assign(endpoint, { state: 'active', disabledCode: null, disabledReason: null, disabledAt: null });
      await manager.save(WebhookEndpointEntity, endpoint);
      const { url, eventTypes, secret } = toActiveWebhook(endpoint);
      await enqueueEvent(
        (sql, parameters) => manager.query(sql, parameters),
        WebhookRegistered,
        { endpointId, url, eventTypes, secret },
        { tenantId, documentId: endpointId },
      );
      return { endpoint, enabled: true };
    });
    if (enabled) this.outbox.wake();
    return toWebhookView(endpoint);
  }
}
