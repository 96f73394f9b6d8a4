import type { z } from 'zod';
import type { searchHitSchema, SearchDocuments, ResponseOf } from '@docpipe/contracts';
import type { ChunkHit } from '@docpipe/search-index';
import { snippet } from './snippets';

export type DocumentHit = z.infer<typeof searchHitSchema>;
export type Facets = ResponseOf<typeof SearchDocuments>['facets'];

/** A chunk with the score it ranks by in this search (BM25, cosine or fused). */
export interface ScoredChunk {
  chunk: ChunkHit;
  score: number;
}

/**
 * Chunks, best first, as documents best first: a document ranks and scores by its best chunk and shows
 * its best few chunks as highlights (page + snippet with the query's terms marked: the engine's own highlight when it made one).
 */
export function groupByDocument(chunks: ScoredChunk[], terms: string[], highlightsPerDocument: number): DocumentHit[] {
  const documents = new Map<string, DocumentHit>();
  for (const { chunk, score } of [...chunks].sort((a, b) => b.score - a.score)) {
    let document = documents.get(chunk.documentId);
    if (!document) {
      document = {
        documentId: chunk.documentId,
        score,
        fileName: chunk.fileName,
        documentType: chunk.documentType,
        tags: chunk.tags,
        highlights: [],
      };
      documents.set(chunk.documentId, document);
    }
    if (document.highlights.length < highlightsPerDocument)
      document.highlights.push({ page: chunk.page, snippet: chunk.highlight ?? snippet(chunk.text, terms), score });
  }
  return [...documents.values()];
}

/** The first `n` document ids in the order groupByDocument ranks them, without building hits (the evaluation ranks thousands of times). */
export function rankedDocuments(chunks: readonly ScoredChunk[], n: number): string[] {
  const documents = new Set<string>();
  for (const { chunk } of [...chunks].sort((a, b) => b.score - a.score)) {
    documents.add(chunk.documentId);
    if (documents.size === n) break;
  }
  return [...documents];
}

/** How many of the matching documents have each type and each tag, most frequent first. */
export function facetsOf(documents: DocumentHit[]): Facets {
  return {
    documentType: countValues(documents.flatMap((document) => (document.documentType ? [document.documentType] : []))),
    tag: countValues(documents.flatMap((document) => document.tags)),
  };
}

function countValues(values: string[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
