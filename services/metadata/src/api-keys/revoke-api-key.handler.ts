import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { ApiKeyRevoked, RevokeApiKey, type ApiKeyView, type RequestOf } from '@docpipe/contracts';
import { ApiKeyEntity } from '../database/api-key.entity';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { ApiKeyNotFoundError } from './api-key-errors';
import { toApiKeyView } from './api-key-view.mapper';

/** Marks a key revoked and announces it in the same transaction; a second revocation changes nothing. */
@Injectable()
export class RevokeApiKeyHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(RevokeApiKey)
  async revoke({ keyId }: RequestOf<typeof RevokeApiKey>): Promise<ApiKeyView> {
    const { key, revoked } = await this.dataSource.transaction(async (manager) => {
      const key = await manager.findOne(ApiKeyEntity, { where: { keyId }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw new ApiKeyNotFoundError(keyId);
      if (key.revokedAt !== null) return { key, revoked: false };
      key.revokedAt = new Date();
      await manager.save(ApiKeyEntity, key);
      await enqueueEvent(
        (sql, parameters) => manager.query(sql, parameters),
        ApiKeyRevoked,
        { keyId, sha256: key.sha256 },
        { tenantId: key.tenantId, documentId: keyId },
      );
      return { key, revoked: true };
    });
    if (revoked) this.outbox.wake();
    return toApiKeyView(key);
  }
}
