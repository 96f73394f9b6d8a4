import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { ApiKeyIssued, ApiKeyRevoked, RotateApiKey, type ApiKeyView, type RequestOf } from '@docpipe/contracts';
import { ApiKeyEntity } from '../database/api-key.entity';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { ApiKeyConflictError, ApiKeyNotFoundError, ApiKeyRevokedError } from './api-key-errors';
import { toApiKeyView } from './api-key-view.mapper';

/**
 * Records the new key, revokes the old and announces both in one transaction: a failure anywhere leaves the old key
 * live and the new one unrecorded, never two live keys or none. The old row stays locked until the commit, so two
 * rotations of one key cannot both succeed.
 */
@Injectable()
export class RotateApiKeyHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(RotateApiKey)
  async rotate(request: RequestOf<typeof RotateApiKey>): Promise<ApiKeyView> {
    const created = await this.dataSource
      .transaction(async (manager) => {
        const run = (sql: string, parameters?: unknown[]) => manager.query(sql, parameters);
        const old = await manager.findOne(ApiKeyEntity, { where: { keyId: request.keyId }, lock: { mode: 'pessimistic_write' } });
        if (!old) throw new ApiKeyNotFoundError(request.keyId);
        if (old.revokedAt !== null) throw new ApiKeyRevokedError(request.keyId);
        const now = new Date();
        const created = manager.create(ApiKeyEntity, {
          keyId: request.newKeyId,
          tenantId: old.tenantId,
          name: old.name,
          prefix: request.prefix,
          sha256: request.sha256,
          scopes: old.scopes,
          createdAt: now,
          createdBy: request.createdBy,
          expiresAt: old.expiresAt,
          revokedAt: null,
          lastUsedAt: null,
        });
        await manager.insert(ApiKeyEntity, created);
        await manager.update(ApiKeyEntity, { keyId: old.keyId }, { revokedAt: now });
        // Issued before revoked: an instance that hears them in order never knows neither key.
        await enqueueEvent(
          run,
          ApiKeyIssued,
          {
            keyId: created.keyId,
            sha256: created.sha256,
            scopes: created.scopes as ApiKeyView['scopes'],
            expiresAt: created.expiresAt?.toISOString() ?? null,
          },
          { tenantId: created.tenantId, documentId: created.keyId },
        );
        await enqueueEvent(run, ApiKeyRevoked, { keyId: old.keyId, sha256: old.sha256 }, { tenantId: old.tenantId, documentId: old.keyId });
        return created;
      })
      .catch((error: unknown) => {
        // 23505: unique_violation (the new id or hash is already recorded).
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') throw new ApiKeyConflictError();
        throw error;
      });
    this.outbox.wake();
    return toApiKeyView(created);
  }
}
