import type { API, Types } from '@opensearch-project/opensearch';
import type { ChunkHit, IndexedChunk, SearchFilters } from './search-index';
import { typoTerms, type KeywordOptions } from './typo-terms';

type Query = Types.Common_QueryDsl.QueryContainer;

export interface ChunkIndexSettings {
  dimensions: number;
  /** How soon writes become searchable; the writer still asks for `wait_for` so an indexed document is findable at once. */
  refreshInterval: string;
  shards: number;
  replicas: number;
  hnsw: HnswSettings;
}

export interface HnswSettings {
  m: number;
  efConstruction: number;
  efSearch: number;
}

/**
 * Settings and mapping of a chunk index: BM25 on `text` (English analyzer: lower-casing, stop words, stemming),
 * HNSW on `vector` with cosine similarity (Lucene engine, which filters during the graph search), keywords for
 * everything a query filters on. `dynamic: strict` turns a field typo into an error instead of a new field.
 */
export function chunkIndexBody(settings: ChunkIndexSettings, alias?: string): API.Indices_Create_RequestBody {
  return {
    settings: {
      index: {
        knn: true,
        number_of_shards: settings.shards,
        number_of_replicas: settings.replicas,
        refresh_interval: settings.refreshInterval,
      },
    },
    mappings: {
      dynamic: 'strict',
      properties: {
        chunk_id: { type: 'keyword' },
        tenant_id: { type: 'keyword' },
        document_id: { type: 'keyword' },
        ordinal: { type: 'integer' },
        page: { type: 'integer' },
        text: { type: 'text', analyzer: 'english' },
        vector: {
          type: 'knn_vector',
          dimension: settings.dimensions,
          method: {
            name: 'hnsw',
            space_type: 'cosinesimil',
            engine: 'lucene',
            parameters: { m: settings.hnsw.m, ef_construction: settings.hnsw.efConstruction },
          },
        },
        document_type: { type: 'keyword' },
        tags: { type: 'keyword' },
        file_name: { type: 'keyword' },
        created_at: { type: 'date' },
        extractor: { type: 'keyword' },
        chunker: { type: 'keyword' },
        embedder: { type: 'keyword' },
      },
    },
    ...(alias ? { aliases: { [alias]: {} } } : {}),
  };
}

/** The tenant first, then the optional filters, as non-scoring `bool.filter` clauses. */
export function filterClauses(filters: SearchFilters): Query[] {
  const clauses: Query[] = [{ term: { tenant_id: filters.tenantId } }];
  if (filters.documentType) clauses.push({ term: { document_type: filters.documentType } });
  if (filters.tag) clauses.push({ term: { tags: filters.tag } });
  if (filters.from || filters.to) {
    clauses.push({ range: { created_at: { ...(filters.from && { gte: filters.from }), ...(filters.to && { lte: filters.to }) } } });
  }
  return clauses;
}

export function mustNot(filters: SearchFilters): Query[] {
  return filters.excludeDocumentId ? [{ term: { document_id: filters.excludeDocumentId } }] : [];
}

export const HIT_SOURCE = { excludes: ['vector'] };

export function keywordSearchBody(query: string, filters: SearchFilters, k: number, options: KeywordOptions = {}): API.Search_RequestBody {
  return {
    size: k,
    _source: HIT_SOURCE,
    query: { bool: { must: [keywordQuery(query, options)], filter: filterClauses(filters), must_not: mustNot(filters) } },
  };
}

/** The exact match, or (typo tolerance, see KeywordOptions) it or any long word give or take its edits. */
export function keywordQuery(query: string, options: KeywordOptions): Query {
  const exact: Query = { match: { text: { query } } };
  const fuzzy = options.typos ? typoTerms(query) : [];
  if (fuzzy.length === 0) return exact;
  return {
    bool: {
      should: [exact, ...fuzzy.map(({ word, edits }): Query => ({ match: { text: { query: word, fuzziness: edits, prefix_length: 1 } } }))],
      minimum_should_match: 1,
    },
  };
}

/**
 * k-NN with the filters inside the knn clause, so the graph search only visits allowed chunks (efficient filtering),
 * and an `ef_search` of at least k so the graph explores enough candidates for the recall the settings promise.
 */
export function vectorSearchBody(vector: Float32Array, filters: SearchFilters, k: number, efSearch: number): API.Search_RequestBody {
  return {
    size: k,
    _source: HIT_SOURCE,
    query: {
      knn: {
        vector: {
          vector: Array.from(vector),
          k,
          filter: { bool: { filter: filterClauses(filters), must_not: mustNot(filters) } },
          method_parameters: { ef_search: Math.max(k, efSearch) },
        },
      },
    },
  };
}

/**
 * One page of a document's chunks in ordinal order, after the last ordinal of the page before (search_after); inside
 * a point in time when given one, so every page reads the same snapshot of the index.
 */
export function chunksPageBody(
  tenantId: string,
  documentId: string,
  size: number,
  afterOrdinal?: number,
  pit?: { id: string; keepAlive: string },
): API.Search_RequestBody {
  return {
    size,
    query: documentQuery(tenantId, documentId),
    sort: [{ ordinal: { order: 'asc' } }],
    ...(afterOrdinal === undefined ? {} : { search_after: [afterOrdinal] }),
    ...(pit ? { pit: { id: pit.id, keep_alive: pit.keepAlive } } : {}),
  };
}

/** One page of the documents an index holds: their first chunks (ordinal 0), ids only, in chunk-id order after `afterChunkId`. */
export function documentsPageBody(size: number, afterChunkId?: string): API.Search_RequestBody {
  return {
    size,
    query: { bool: { filter: [{ term: { ordinal: 0 } }] } },
    _source: ['tenant_id', 'document_id'],
    sort: [{ chunk_id: { order: 'asc' } }],
    ...(afterChunkId === undefined ? {} : { search_after: [afterChunkId] }),
  };
}

/** What the alias's index records about the model that made its vectors (mapping `_meta`, updatable in place). */
export function embedderMetaBody(embedder: unknown): API.Indices_PutMapping_RequestBody {
  return { _meta: { embedder } };
}

export function documentQuery(tenantId: string, documentId: string): Query {
  return { bool: { filter: [{ term: { tenant_id: tenantId } }, { term: { document_id: documentId } }] } };
}

/** Sets the document type on the document's chunks; the type travels as a script parameter, never inside the script's source. */
export function documentTypeUpdateBody(tenantId: string, documentId: string, documentType: string): API.UpdateByQuery_RequestBody {
  return {
    query: documentQuery(tenantId, documentId),
    script: { source: 'ctx._source.document_type = params.documentType', lang: 'painless', params: { documentType } },
  };
}

/** Chunks of an older, longer version of the document: what an upsert of `keep` chunks leaves behind. */
export function staleChunksQuery(tenantId: string, documentId: string, keep: number): Query {
  return {
    bool: {
      filter: [{ term: { tenant_id: tenantId } }, { term: { document_id: documentId } }, { range: { ordinal: { gte: keep } } }],
    },
  };
}

/** The document source of a chunk; a chunk without a vector has no `vector` field, so k-NN never sees it. */
export function chunkSource(chunk: IndexedChunk): Record<string, unknown> {
  return {
    chunk_id: chunk.chunkId,
    tenant_id: chunk.tenantId,
    document_id: chunk.documentId,
    ordinal: chunk.ordinal,
    page: chunk.page,
    text: chunk.text,
    ...(chunk.vector && { vector: Array.from(chunk.vector) }),
    document_type: chunk.documentType,
    tags: chunk.tags,
    file_name: chunk.fileName,
    created_at: chunk.createdAt,
    extractor: chunk.pipeline.extractor,
    chunker: chunk.pipeline.chunker,
    embedder: chunk.pipeline.embedder,
  };
}

/** One `index` action and its source: the chunk id as `_id`, so writing a chunk again overwrites it. */
export function bulkIndexLines(indexName: string, chunk: IndexedChunk): [Record<string, unknown>, Record<string, unknown>] {
  return [{ index: { _index: indexName, _id: chunk.chunkId } }, chunkSource(chunk)];
}

/** Lucene's cosinesimil score is (1 + cos) / 2; search results carry the cosine itself. */
export function cosineFromKnnScore(score: number): number {
  return 2 * score - 1;
}

/** A hit's stored fields as the chunk it is, with the score it ranks by. */
export function chunkHit(source: Record<string, unknown>, score: number): ChunkHit {
  return {
    chunkId: String(source.chunk_id),
    tenantId: String(source.tenant_id),
    documentId: String(source.document_id),
    ordinal: Number(source.ordinal),
    page: Number(source.page),
    text: String(source.text),
    documentType: typeof source.document_type === 'string' ? source.document_type : null,
    tags: Array.isArray(source.tags) ? source.tags.map(String) : [],
    fileName: String(source.file_name),
    createdAt: String(source.created_at),
    score,
  };
}
