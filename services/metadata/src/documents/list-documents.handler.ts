import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { ListDocuments, type DocumentSort, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { DocumentEntity } from '../database/document.entity';
import { documentFacets } from './document-facets';
import { toDocumentSummary } from './document-view.mapper';
import { whereListed } from './listed-documents';

/** Each sort's key; the title key is the expression the documents_live_by_tenant_title index holds. */
const SORT_KEYS: Record<DocumentSort, { key: string; order: 'ASC' | 'DESC' }> = {
  '-created': { key: 'document.createdAt', order: 'DESC' },
  created: { key: 'document.createdAt', order: 'ASC' },
  title: { key: 'lower(coalesce(document.title, document.fileName))', order: 'ASC' },
  '-title': { key: 'lower(coalesce(document.title, document.fileName))', order: 'DESC' },
  type: { key: 'document.documentType', order: 'ASC' },
  '-type': { key: 'document.documentType', order: 'DESC' },
};

@Injectable()
export class ListDocumentsHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AnswerRequests(ListDocuments)
  async list(received: RequestOf<typeof ListDocuments>): Promise<ResponseOf<typeof ListDocuments>> {
    const request = ListDocuments.request.parse(received); // fills page and size defaults into the type
    const query = whereListed(this.dataSource.getRepository(DocumentEntity).createQueryBuilder('document'), request);
    const { key, order } = SORT_KEYS[request.sort];
    // Untyped documents last either way; the id breaks ties so a page boundary never repeats or skips a row.
    const [documents, total] = await query
      .orderBy(key, order, 'NULLS LAST')
      .addOrderBy('document.createdAt', 'DESC')
      .addOrderBy('document.id', 'DESC')
      .offset((request.page - 1) * request.size)
      .limit(request.size)
      .getManyAndCount();
    const facets = request.facets ? await documentFacets(this.dataSource, request) : undefined;
    return { items: documents.map(toDocumentSummary), total, page: request.page, size: request.size, facets };
  }
}
