import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests, DeleteDocument, type RequestOf, type ResponseOf } from '@docpipe/events';
import { DocumentEntity } from '../database/document.entity';
import { DocumentNotFoundError } from './document-not-found.error';

/** Soft delete: the row stays for the timeline and for events still in flight, but no read sees it again. */
@Injectable()
export class DeleteDocumentHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(DeleteDocument)
  async delete(request: RequestOf<typeof DeleteDocument>): Promise<ResponseOf<typeof DeleteDocument>> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(DocumentEntity)
      .set({ deletedAt: () => 'now()', updatedAt: () => 'now()', status: 'deleted' })
      .where('id = :id AND tenant_id = :tenantId AND deleted_at IS NULL', {
        id: request.documentId,
        tenantId: request.tenantId,
      })
      .returning('object_key')
      .execute();
    const [deleted] = result.raw as { object_key: string }[];
    if (!deleted) throw new DocumentNotFoundError(request.documentId);
    return { documentId: request.documentId, objectKey: deleted.object_key };
  }
}
