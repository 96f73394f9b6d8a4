import type { KeywordOptions } from './typo-terms';
/** Which code made a chunk (`name@version` each): re-running a newer extractor, chunker or embedder replaces what an older one wrote. */
export interface PipelineVersion {
  extractor: string;
  chunker: string;
  embedder: string;
}

/** One chunk of a document as the index stores it, with what search filters and shows. */
export interface IndexedChunk {
  /** `${documentId}:${ordinal}`: re-indexing a document overwrites its chunks instead of adding copies. */
  chunkId: string;
  tenantId: string;
  documentId: string;
  ordinal: number;
  page: number;
  text: string;
  /** Unit length; null when the embedder knew no word of the text (the chunk is then found by keywords only). */
  vector: Float32Array | null;
  documentType: string | null;
  tags: string[];
  fileName: string;
  /** ISO timestamp of the document's upload. */
  createdAt: string;
  pipeline: PipelineVersion;
}

/** What every query is narrowed to. The tenant is not optional: no query ever crosses tenants. */
export interface SearchFilters {
  tenantId: string;
  documentType?: string;
  tag?: string;
  /** Documents created at or after / before this ISO timestamp. */
  from?: string;
  to?: string;
  excludeDocumentId?: string;
}

export type StoredChunk = Omit<IndexedChunk, 'vector'> & { vector: Float32Array | null };

/**
 * A chunk that matched, with the engine's score: BM25 for keywords, cosine similarity for vectors, the fused score of
 * an engine's hybrid search; `highlight` when the engine marked the query's words itself (a snippet, HTML-escaped,
 * words in <mark></mark>).
 */
export type ChunkHit = Omit<IndexedChunk, 'vector' | 'pipeline'> & { score: number; highlight?: string };

/** One document an index holds. */
export interface DocumentKey {
  tenantId: string;
  documentId: string;
}

export interface IndexStats {
  engine: string;
  indexName: string;
  chunks: number;
  /** Engine-specific facts: versions, indexes, unindexed rows. */
  details: Record<string, unknown>;
}

/** How many matching documents have one value of a field (a document type, a tag). */
export interface FacetCount {
  value: string;
  count: number;
}

/** What a search asks an engine that ranks, fuses, highlights and counts facets itself. */
export interface NativeSearchRequest {
  mode: 'keyword' | 'semantic' | 'hybrid';
  /** The words BM25 matches (with typo tolerance when `typos`), highlighted in every hit. */
  text: string;
  /** The query's vector: semantic and hybrid modes. */
  vector: Float32Array | null;
  typos: boolean;
  /** Other words (synonyms) whose BM25 counts `weight` times beside the query's own; null when there are none. */
  expansion: { text: string; weight: number } | null;
  /** Phrases every hit contains. */
  phrases: string[];
  filters: SearchFilters;
  k: number;
}

export interface NativeSearchResult {
  /** Best first, each with its highlight. */
  hits: ChunkHit[];
  /** Documents per type and per tag among everything the query matched, most first. */
  facets: { documentType: FacetCount[]; tag: FacetCount[] };
}

/**
 * Search that an engine runs whole (OpenSearch: hybrid fusion in a search pipeline, highlights, facet aggregations),
 * so a page of results takes one request and facets count every match, not only the candidates the app fetched.
 */
export interface NativeSearch {
  /** How the engine fuses the keyword and vector rankings in hybrid mode (for logs and the Pipeline page). */
  readonly fusion: string;
  search(request: NativeSearchRequest): Promise<NativeSearchResult>;
}

/**
 * Chunks with their text and vectors, searchable by keywords (BM25) and by vector (cosine), always within
 * one tenant. Writers (indexing) and readers (search) may be separate processes on the same index.
 */
export interface SearchIndex {
  /** The physical index (table, OpenSearch index) the chunks are written to, named after the embedder. */
  readonly indexName: string;
  /** The engine's own search when it has one (OpenSearch with hybrid search); null: the app fuses, highlights and counts (LanceDB). */
  readonly native: NativeSearch | null;
  /** Replaces all chunks of the document with these, in one step: redeliveries and reprocessing never duplicate. */
  upsertDocumentChunks(tenantId: string, documentId: string, chunks: IndexedChunk[]): Promise<void>;
  /** Removes the document's chunks; removing what is not there is fine. Answers how many were removed. */
  deleteDocument(tenantId: string, documentId: string): Promise<number>;
  /** Sets the type on every chunk of the document (a user's correction); answers how many chunks there were (0: not indexed yet). */
  setDocumentType(tenantId: string, documentId: string, documentType: string): Promise<number>;
  keyword(query: string, filters: SearchFilters, k: number, options?: KeywordOptions): Promise<ChunkHit[]>;
  vector(vector: Float32Array, filters: SearchFilters, k: number): Promise<ChunkHit[]>;
  /** The document's chunks in order, with their vectors. */
  chunksOf(tenantId: string, documentId: string): Promise<StoredChunk[]>;
  /** Every document this physical index holds, one key each, in no particular order (re-embedding walks them). */
  documents(): Promise<DocumentKey[]>;
  stats(): Promise<IndexStats>;
  close(): Promise<void>;
}
