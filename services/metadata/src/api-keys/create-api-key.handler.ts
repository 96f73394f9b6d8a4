import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { ApiKeyIssued, CreateApiKey, type ApiKeyView, type RequestOf } from '@docpipe/contracts';
import { ApiKeyEntity } from '../database/api-key.entity';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { ApiKeyConflictError } from './api-key-errors';
import { toApiKeyView } from './api-key-view.mapper';

/** Records a key by its hash and announces it in the same transaction: no instance accepts a key that was not recorded. */
@Injectable()
export class CreateApiKeyHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(CreateApiKey)
  async create(request: RequestOf<typeof CreateApiKey>): Promise<ApiKeyView> {
    const key = await this.dataSource
      .transaction(async (manager) => {
        const key = manager.create(ApiKeyEntity, {
          ...request,
          createdAt: new Date(),
          expiresAt: request.expiresAt === null ? null : new Date(request.expiresAt),
          revokedAt: null,
          lastUsedAt: null,
        });
        await manager.insert(ApiKeyEntity, key);
        await enqueueEvent(
          (sql, parameters) => manager.query(sql, parameters),
          ApiKeyIssued,
          { keyId: key.keyId, sha256: key.sha256, scopes: request.scopes, expiresAt: request.expiresAt },
          { tenantId: key.tenantId, documentId: key.keyId },
        );
        return key;
      })
      .catch((error: unknown) => {
        // 23505: unique_violation (the same id or hash twice).
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') throw new ApiKeyConflictError();
        throw error;
      });
    this.outbox.wake();
    return toApiKeyView(key);
  }
}
