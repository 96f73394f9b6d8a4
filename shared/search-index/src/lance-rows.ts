import { Bool, Field, FixedSizeList, Float32, Int32, List, Schema, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { AppError } from '@docpipe/platform';
import type { ChunkHit, IndexedChunk, StoredChunk } from './search-index';

export type Row = Record<string, unknown>;

const PRIMARY_KEY_METADATA = 'lance-schema:unenforced-primary-key:position';

export const HIT_COLUMNS = [
  'chunk_id',
  'tenant_id',
  'document_id',
  'ordinal',
  'page',
  'text',
  'document_type',
  'tags',
  'file_name',
  'created_at',
];

export function chunkSchema(dimensions: number): Schema {
  return new Schema([
    new Field('chunk_id', new Utf8(), false, new Map([[PRIMARY_KEY_METADATA, '1']])),
    new Field('tenant_id', new Utf8(), false),
    new Field('document_id', new Utf8(), false),
    new Field('ordinal', new Int32(), false),
    new Field('page', new Int32(), false),
    new Field('text', new Utf8(), false),
    new Field('vector', new FixedSizeList(dimensions, new Field('item', new Float32(), true)), false),
    new Field('has_vector', new Bool(), false),
    new Field('document_type', new Utf8(), true),
    new Field('tags', new List(new Field('item', new Utf8(), true)), false),
    new Field('file_name', new Utf8(), false),
    new Field('created_at', new TimestampMillisecond(), false),
    new Field('extractor', new Utf8(), false),
    new Field('chunker', new Utf8(), false),
    new Field('embedder', new Utf8(), false),
  ]);
}

export function toRow(chunk: IndexedChunk, dimensions: number, tableName: string): Row {
  if (chunk.vector && chunk.vector.length !== dimensions) {
    throw new AppError(
      'embedding_dimension_mismatch',
      `Chunk ${chunk.chunkId} has a ${chunk.vector.length}-d vector; ${tableName} holds ${dimensions}-d vectors`,
    );
  }
  return {
    chunk_id: chunk.chunkId,
    tenant_id: chunk.tenantId,
    document_id: chunk.documentId,
    ordinal: chunk.ordinal,
    page: chunk.page,
    text: chunk.text,
    vector: Array.from(chunk.vector ?? new Float32Array(dimensions)),
    has_vector: chunk.vector !== null,
    document_type: chunk.documentType,
    tags: chunk.tags,
    file_name: chunk.fileName,
    created_at: new Date(chunk.createdAt),
    extractor: chunk.pipeline.extractor,
    chunker: chunk.pipeline.chunker,
    embedder: chunk.pipeline.embedder,
  };
}

export function toHit(row: Row, score: number): ChunkHit {
  return { ...chunkFields(row), score };
}

export function toStoredChunk(row: Row): StoredChunk {
  return {
    ...chunkFields(row),
    vector: row.has_vector ? Float32Array.from(row.vector as Iterable<number>) : null,
    pipeline: { extractor: String(row.extractor), chunker: String(row.chunker), embedder: String(row.embedder) },
  };
}

function chunkFields(row: Row): Omit<ChunkHit, 'score'> {
  return {
    chunkId: String(row.chunk_id),
    tenantId: String(row.tenant_id),
    documentId: String(row.document_id),
    ordinal: Number(row.ordinal),
    page: Number(row.page),
    text: String(row.text),
    documentType: row.document_type === null || row.document_type === undefined ? null : String(row.document_type),
    tags: row.tags ? Array.from(row.tags as Iterable<string>) : [],
    fileName: String(row.file_name),
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}
