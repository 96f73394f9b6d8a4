import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { DeleteDocument, DocumentDeleted, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { DocumentNotFoundError } from './document-not-found.error';

/**
 * Soft delete: the row stays for the timeline and for events still in flight, but no read sees it again.
 * document.deleted (other services remove blobs and index entries) is enqueued in the same transaction.
 */
@Injectable()
export class DeleteDocumentHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(DeleteDocument)
  async delete(request: RequestOf<typeof DeleteDocument>): Promise<ResponseOf<typeof DeleteDocument>> {
    const { tenantId, documentId } = request;
    const objectKey = await this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE documents SET deleted_at = now(), updated_at = now(), status = 'deleted'
         WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL
         RETURNING object_key`,
        [documentId, tenantId],
      )) as [{ object_key: string }[], number];
      const [deleted] = rows;
      if (!deleted) throw new DocumentNotFoundError(documentId);
      await enqueueEvent(
        (sql, parameters) => manager.query(sql, parameters),
        DocumentDeleted,
        { objectKey: deleted.object_key },
        { tenantId, documentId },
      );
      return deleted.object_key;
    });
    this.outbox.wake();
    return { documentId, objectKey };
  }
}
