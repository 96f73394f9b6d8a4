import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests, enqueueEvent } from '@docpipe/events';
import { CorrectDocument, DocumentTypeCorrected, type DocumentView, type RequestOf } from '@docpipe/contracts';
import { DocumentStageEntity } from '../database/document-stage.entity';
import { DocumentEntity } from '../database/document.entity';
import { MetadataOutbox } from '../outbox/metadata-outbox';
import { toDocumentView } from './document-view.mapper';
import { lockLiveDocument } from './find-live-document';

/**
 * A user's correction of type and/or tags. A changed type is the user's word (confidence 1) and is
 * announced as document.type-corrected in the same transaction, so classification learns every
 * correction that was recorded and none that was not.
 */
@Injectable()
export class CorrectDocumentHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetadataOutbox) private readonly outbox: MetadataOutbox,
  ) {}

  @AnswerRequests(CorrectDocument)
  async correct(request: RequestOf<typeof CorrectDocument>): Promise<DocumentView> {
    const { tenantId, documentId, documentType, tags } = request;
    const { document, announced } = await this.dataSource.transaction(async (manager) => {
      const document = await lockLiveDocument(manager, tenantId, documentId);
      const previousType = document.documentType;
      const retyped = documentType !== undefined && documentType !== previousType;
      if (documentType !== undefined) {
        document.documentType = documentType;
        document.confidence = 1;
        document.typeCorrectedAt = new Date();
      }
      if (tags !== undefined) document.tags = [...new Set(tags)];
      await manager.save(DocumentEntity, document);
      if (retyped && documentType !== undefined)
        await enqueueEvent(
          (sql, parameters) => manager.query(sql, parameters),
          DocumentTypeCorrected,
          { documentType, previousType, textKey: document.textKey },
          { tenantId, documentId },
        );
      return { document, announced: retyped };
    });
    if (announced) this.outbox.wake();
    return toDocumentView(document, await this.dataSource.manager.findBy(DocumentStageEntity, { documentId }));
  }
}
