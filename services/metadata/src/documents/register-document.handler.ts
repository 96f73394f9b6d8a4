import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { DocumentReceived, objectKeys, RegisterDocument, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { AppError } from '@docpipe/platform';
import type { z } from 'zod';
import { DocumentEntity } from '../database/document.entity';
import { DocumentStageEntity } from '../database/document-stage.entity';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { pendingStage, stagesInOrder } from './document-lifecycle';

type Registration = z.output<(typeof RegisterDocument)['request']>;
type Answer = ResponseOf<typeof RegisterDocument>;

// A conflict whose live twin vanished before we could read it (deleted in between) is simply tried again.
const MAX_ATTEMPTS = 3;

/**
 * Records an upload as a `received` document with every stage pending, and enqueues its document.received in
 * the same transaction (outbox): once the gateway has this answer, ingestion will see the upload even if it is
 * down right now. The partial unique index on (tenant_id, sha256) over live, not rejected documents is the
 * duplicate policy: a concurrent twin waits for ours and then conflicts, so two uploads of the same content
 * never make two rows.
 */
@Injectable()
export class RegisterDocumentHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(RegisterDocument)
  async register(received: RequestOf<typeof RegisterDocument>): Promise<Answer> {
    const request = RegisterDocument.request.parse(received); // fills tags and metadata defaults into the type
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const answer = await this.dataSource.transaction((manager) => this.tryInsert(manager, request));
      if (answer && !answer.duplicateOf) this.outbox.wake();
      if (answer) return answer;
    }
    throw new AppError('registration_conflict', `Document ${request.documentId} kept conflicting with concurrent changes; try again`);
  }

  private async tryInsert(manager: EntityManager, request: Registration): Promise<Answer | undefined> {
    const objectKey = objectKeys.original(request.tenantId, request.documentId);
    // Until ingestion has sniffed the bytes, the type the client declared is all there is.
    const mediaType = request.declaredMediaType ?? 'application/octet-stream';
    const inserted: unknown[] = await manager.query(
      `INSERT INTO documents (id, tenant_id, file_name, media_type, size_bytes, sha256, object_key, status, tags, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'received', $8, $9::jsonb)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        request.documentId,
        request.tenantId,
        request.fileName,
        mediaType,
        request.sizeBytes,
        request.sha256,
        objectKey,
        request.tags,
        JSON.stringify(request.metadata),
      ],
    );
    if (inserted.length === 1) {
      await manager.insert(
        DocumentStageEntity,
        stagesInOrder.map((stage) => ({ documentId: request.documentId, stage, ...pendingStage })),
      );
      const { stagingKey, sha256, sizeBytes, declaredMediaType, fileName, tags, tenantId, documentId } = request;
      await enqueueEvent(
        (sql, parameters) => manager.query(sql, parameters),
        DocumentReceived,
        { stagingKey, objectKey, sha256, sizeBytes, fileName, tags, ...(declaredMediaType ? { declaredMediaType } : {}) },
        { tenantId, documentId },
      );
      return { documentId, duplicateOf: null, status: 'received', mediaType };
    }
    return this.answerConflict(manager, request);
  }

  private async answerConflict(manager: EntityManager, request: Registration): Promise<Answer | undefined> {
    const live = await manager.findOneBy(DocumentEntity, {
      tenantId: request.tenantId,
      sha256: request.sha256,
      deletedAt: IsNull(),
      status: Not('rejected'),
    });
    // The same registration sent again (a retried request): answer it as the first time, not as its own duplicate.
    if (live?.id === request.documentId) return { documentId: live.id, duplicateOf: null, status: live.status, mediaType: live.mediaType };
    if (live) return { documentId: live.id, duplicateOf: live.id, status: live.status, mediaType: live.mediaType };
    if (await manager.existsBy(DocumentEntity, { id: request.documentId })) {
      throw new AppError(
        'document_id_taken',
        `Document id ${request.documentId} is already used for other content; register it under a new id`,
      );
    }
    return undefined;
  }
}
