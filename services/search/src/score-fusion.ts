import type { ChunkHit } from '@docpipe/search-index';
import type { ScoredChunk } from './document-results';
import { keywordCoverage } from './keyword-coverage';

/** A chunk found by either engine, with both engines' evidence on a fixed scale. */
export interface FusedCandidate {
  chunk: ChunkHit;
  /** BM25 over the query's best BM25, 0 when BM25 did not find the chunk. */
  keyword: number;
  /** Cosine similarity; the vector ranking's lowest when only BM25 found the chunk (it is at best that close). */
  cosine: number;
  /** The convex score below. */
  score: number;
}

/**
 * Convex combination of normalised scores: a chunk scores
 *   keywordWeight · BM25 / (best BM25 of the query) + (1 − keywordWeight) · cosine.
 * BM25 is divided by the query's best so that the top keyword hit counts keywordWeight whatever the query's
 * length; cosine similarity is already on a fixed scale. Unlike rank fusion, the size of the gaps counts: a
 * keyword hit far ahead of the rest (a name, a product code) stays ahead, a flat keyword ranking (a paraphrase
 * sharing a stray word with many chunks) hardly moves the semantic order. A chunk missing from the vector
 * ranking is given that ranking's lowest cosine (it is at best that close); one missing from the keyword
 * ranking gets 0. Ties keep the semantic order, then the keyword order, so the result is deterministic.
 */
export function convexScoreFusion(keyword: ChunkHit[], semantic: ChunkHit[], keywordWeight: number): ScoredChunk[] {
  return fuseCandidates(keyword, semantic, keywordWeight).map(({ chunk, score }) => ({ chunk, score }));
}

/** The convex fusion's candidates, best first, with the evidence a second-stage reranker reads. */
export function fuseCandidates(keyword: ChunkHit[], semantic: ChunkHit[], keywordWeight: number): FusedCandidate[] {
  const bestKeyword = keyword.reduce((best, hit) => Math.max(best, hit.score), 0);
  const lowestCosine = semantic.reduce((lowest, hit) => Math.min(lowest, hit.score), Infinity);
  const fused = new Map<string, { chunk: ChunkHit; keyword: number; cosine: number | null; order: number }>();
  semantic.forEach((chunk, order) => {
    if (!fused.has(chunk.chunkId)) fused.set(chunk.chunkId, { chunk, keyword: 0, cosine: chunk.score, order });
  });
  keyword.forEach((chunk, order) => {
    const entry = fused.get(chunk.chunkId) ?? { chunk, keyword: 0, cosine: null, order: semantic.length + order };
    entry.keyword = Math.max(entry.keyword, bestKeyword > 0 ? chunk.score / bestKeyword : 0);
    fused.set(chunk.chunkId, entry);
  });
  return [...fused.values()]
    .map((entry) => {
      const cosine = entry.cosine ?? (semantic.length > 0 ? lowestCosine : 0);
      return {
        chunk: entry.chunk,
        keyword: entry.keyword,
        cosine,
        score: keywordWeight * entry.keyword + (1 - keywordWeight) * cosine,
        order: entry.order,
      };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ chunk, keyword: bm25, cosine, score }) => ({ chunk, keyword: bm25, cosine, score }));
}

/**
 * Hybrid search's first stage as the service runs it: keywords count by the learned weight, times how much of the
 * query the best keyword hit contains (raised to `coveragePower`), so a keyword ranking led by a chunk that has only
 * some of the query's words (a paraphrase) counts for little.
 */
export function hybridCandidates(
  query: string,
  keyword: ChunkHit[],
  semantic: ChunkHit[],
  settings: { keywordWeight: number; coveragePower: number },
): FusedCandidate[] {
  const coverage = keywordCoverage(query, keyword[0]?.text) ** settings.coveragePower;
  return fuseCandidates(keyword, semantic, settings.keywordWeight * coverage);
}
