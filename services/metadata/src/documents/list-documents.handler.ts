import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnswerRequests } from '@docpipe/events';
import { ListDocuments, type DocumentSort, type RequestOf, type ResponseOf } from '@docpipe/contracts';
import { DocumentEntity } from '../database/document.entity';
import { toDocumentSummary } from './document-view.mapper';

/** `%`, `_` and `\` in the user's text match themselves, not any text. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

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
    const query = this.dataSource
      .getRepository(DocumentEntity)
      .createQueryBuilder('document')
      .where('document.tenantId = :tenantId', { tenantId: request.tenantId })
      .andWhere('document.deletedAt IS NULL');
    if (request.status) query.andWhere('document.status = :status', { status: request.status });
    if (request.stalled !== undefined) query.andWhere(`document.stalledStage IS ${request.stalled ? 'NOT NULL' : 'NULL'}`);
    if (request.documentType) query.andWhere('document.documentType = :documentType', { documentType: request.documentType });
    // Containment (@>) rather than ANY() so the GIN index on tags serves it.
    if (request.tag) query.andWhere('document.tags @> ARRAY[:tag]::text[]', { tag: request.tag });
    // Both ends inclusive: times are stored to the millisecond, as answered, so a createdAt read back matches itself.
    if (request.from) query.andWhere('document.createdAt >= :from', { from: request.from });
    if (request.to) query.andWhere('document.createdAt <= :to', { to: request.to });
    if (request.q)
      query.andWhere('(document.fileName ILIKE :pattern OR document.title ILIKE :pattern)', { pattern: containsPattern(request.q) });
    const { key, order } = SORT_KEYS[request.sort];
    // Untyped documents last either way; the id breaks ties so a page boundary never repeats or skips a row.
    const [documents, total] = await query
      .orderBy(key, order, 'NULLS LAST')
      .addOrderBy('document.createdAt', 'DESC')
      .addOrderBy('document.id', 'DESC')
      .offset((request.page - 1) * request.size)
      .limit(request.size)
      .getManyAndCount();
    return { items: documents.map(toDocumentSummary), total, page: request.page, size: request.size };
  }
}
