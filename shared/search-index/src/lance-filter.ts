import { AppError } from '@docpipe/platform';
import type { SearchFilters } from './search-index';

/** A SQL string literal for LanceDB (DataFusion) filters: quotes doubled, so no value can end the literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function sqlTimestamp(iso: string, field: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new AppError('invalid_filter', `${field} must be an ISO date-time, got "${iso}"`);
  return `arrow_cast(${time}, 'Timestamp(Millisecond, None)')`;
}

/** The WHERE clause of every query: the tenant first, then the optional filters. */
export function lanceWhere(filters: SearchFilters): string {
  const clauses = [`tenant_id = ${sqlString(filters.tenantId)}`];
  if (filters.documentType) clauses.push(`document_type = ${sqlString(filters.documentType)}`);
  if (filters.tag) clauses.push(`array_has(tags, ${sqlString(filters.tag)})`);
  if (filters.from) clauses.push(`created_at >= ${sqlTimestamp(filters.from, 'from')}`);
  if (filters.to) clauses.push(`created_at <= ${sqlTimestamp(filters.to, 'to')}`);
  if (filters.excludeDocumentId) clauses.push(`document_id != ${sqlString(filters.excludeDocumentId)}`);
  return clauses.join(' AND ');
}

export function documentWhere(tenantId: string, documentId: string): string {
  return `tenant_id = ${sqlString(tenantId)} AND document_id = ${sqlString(documentId)}`;
}
