import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { GetDocument, type DocumentView, type RequestOf } from '@docpipe/contracts';
import { DocumentStageEntity } from '../database/document-stage.entity';
import { toDocumentView } from './document-view.mapper';
import { findLiveDocument } from './find-live-document';

@Injectable()
export class GetDocumentHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(GetDocument)
  async get(request: RequestOf<typeof GetDocument>): Promise<DocumentView> {
    const document = await findLiveDocument(this.dataSource.manager, request.tenantId, request.documentId);
    const stages = await this.dataSource.manager.findBy(DocumentStageEntity, { documentId: document.id });
    return toDocumentView(document, stages);
  }
}
