import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { RegisterWebhook, WebhookRegistered, type RequestOf, type WebhookView } from '@docpipe/contracts';
import { WebhookEndpointEntity } from '../database/webhook-endpoint.entity';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { WebhookConflictError } from './webhook-errors';
import { toWebhookView } from './webhook-view.mapper';

/** Records an endpoint and announces it in the same transaction: no worker sends to an endpoint that was not recorded. */
@Injectable()
export class RegisterWebhookHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(RegisterWebhook)
  async register(request: RequestOf<typeof RegisterWebhook>): Promise<WebhookView> {
    const endpoint = await this.dataSource
      .transaction(async (manager) => {
        const endpoint = manager.create(WebhookEndpointEntity, {
          ...request,
          state: 'active',
          disabledCode: null,
          disabledReason: null,
          disabledAt: null,
          createdAt: new Date(),
        });
        await manager.insert(WebhookEndpointEntity, endpoint);
        const { endpointId, url, eventTypes, secret } = request;
        await enqueueEvent(
          (sql, parameters) => manager.query(sql, parameters),
          WebhookRegistered,
          { endpointId, url, eventTypes, secret },
          { tenantId: request.tenantId, documentId: endpointId },
        );
        return endpoint;
      })
      .catch((error: unknown) => {
        // 23505: unique_violation (the same endpoint id twice).
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
          throw new WebhookConflictError(request.endpointId);
        }
        throw error;
      });
    this.outbox.wake();
    return toWebhookView(endpoint);
  }
}
