import type { SelectQueryBuilder } from 'typeorm';
import type { ListDocuments, RequestOf } from '@docpipe/contracts';
import type { DocumentEntity } from '../database/document.entity';

export type ListRequest = RequestOf<typeof ListDocuments>;
/** A filter a facet leaves out when it counts: its own. */
export type FacetFilter = 'status' | 'documentType' | 'tag';

/** `%`, `_` and `\` in the user's text match themselves, not any text. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * Narrows a query on `document` to the tenant's live documents that the request's filters match, all of them but
 * `except`: the list and each of its facets read the same filters from here.
 */
export function whereListed(
  query: SelectQueryBuilder<DocumentEntity>,
  request: ListRequest,
  except?: FacetFilter,
): SelectQueryBuilder<DocumentEntity> {
  query.where('document.tenantId = :tenantId', { tenantId: request.tenantId }).andWhere('document.deletedAt IS NULL');
  if (request.status && except !== 'status') query.andWhere('document.status = :status', { status: request.status });
  if (request.stalled !== undefined) query.andWhere(`document.stalledStage IS ${request.stalled ? 'NOT NULL' : 'NULL'}`);
  if (request.documentType && except !== 'documentType')
    query.andWhere('document.documentType = :documentType', { documentType: request.documentType });
  // Containment (@>) rather than ANY() so the GIN index on tags serves it.
  if (request.tag && except !== 'tag') query.andWhere('document.tags @> ARRAY[:tag]::text[]', { tag: request.tag });
  // Both ends inclusive: times are stored to the millisecond, as answered, so a createdAt read back matches itself.
  if (request.from) query.andWhere('document.createdAt >= :from', { from: request.from });
  if (request.to) query.andWhere('document.createdAt <= :to', { to: request.to });
  if (request.q)
    query.andWhere('(document.fileName ILIKE :pattern OR document.title ILIKE :pattern)', { pattern: containsPattern(request.q) });
  return query;
}
