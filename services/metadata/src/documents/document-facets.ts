import type { DataSource } from 'typeorm';
import { MAX_TAG_FACETS, type DocumentListFacets } from '@docpipe/contracts';
import { DocumentEntity } from '../database/document.entity';
import { whereListed, type FacetFilter, type ListRequest } from './listed-documents';

/** What each facet counts: a column, or (tags) each element of the array, one row per tag of a document. */
const FACETS: Record<FacetFilter, { value: string; limit?: number }> = {
  status: { value: 'document.status' },
  documentType: { value: 'document.documentType' },
  tag: { value: 'unnest(document.tags)', limit: MAX_TAG_FACETS },
};

async function countPer(dataSource: DataSource, request: ListRequest, facet: FacetFilter): Promise<DocumentListFacets[FacetFilter]> {
  const { value, limit } = FACETS[facet];
  const listed = whereListed(dataSource.getRepository(DocumentEntity).createQueryBuilder('document'), request, facet).select(
    value,
    'value',
  );
  // Grouped outside: unnest() in the select list yields a row per tag, which the outer query can then count.
  const rows = await dataSource
    .createQueryBuilder()
    .select('facet.value', 'value')
    .addSelect('count(*)::int', 'count')
    .from(`(${listed.getQuery()})`, 'facet')
    .setParameters(listed.getParameters())
    .where('facet.value IS NOT NULL')
    .groupBy('facet.value')
    .orderBy('count', 'DESC')
    .addOrderBy('facet.value', 'ASC')
    .limit(limit)
    .getRawMany<{ value: string; count: number }>();
  return rows.map(({ value: name, count }) => ({ value: name, count }));
}

/** Counts per status, type and tag among the documents the list's other filters match (see documentListFacetsSchema). */
export async function documentFacets(dataSource: DataSource, request: ListRequest): Promise<DocumentListFacets> {
  const [status, documentType, tag] = await Promise.all([
    countPer(dataSource, request, 'status'),
    countPer(dataSource, request, 'documentType'),
    countPer(dataSource, request, 'tag'),
  ]);
  return { status, documentType, tag };
}
