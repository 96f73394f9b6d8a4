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

/**
 * The convex fusion's candidates, best first, with the evidence a second-stage reranker reads; `keywordShare` says how
 * much of a chunk's keyword evidence counts (all of it by default).
 */
export function fuseCandidates(
  keyword: ChunkHit[],
  semantic: ChunkHit[],
  keywordWeight: number,
  keywordShare: (chunk: ChunkHit) => number = () => 1,
): FusedCandidate[] {
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
        score: keywordWeight * entry.keyword * (entry.keyword > 0 ? keywordShare(entry.chunk) : 1) + (1 - keywordWeight) * cosine,
        order: entry.order,
      };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ chunk, keyword: bm25, cosine, score }) => ({ chunk, keyword: bm25, cosine, score }));
}

/** Hybrid search's first-stage settings (learned by `npm run eval:search` on the train half of its queries). */
export interface HybridSettings {
  keywordWeight: number;
  /** Keyword trust falls with the share of the query's words the best keyword hit lacks, raised to this power. */
  coveragePower: number;
  /** Each chunk's keyword evidence falls with the share of the query's words that chunk lacks, raised to this power. */
  chunkCoveragePower: number;
  /** Words count as found one or two edits away, as keyword search with typo tolerance matched them. */
  typos: boolean;
}

/**
 * Hybrid search's first stage as the service runs it: keywords count by the learned weight, times how much of the
 * query the best keyword hit contains (raised to `coveragePower`), so a keyword ranking led by a chunk that has only
 * some of the query's words (a paraphrase) counts for little; and each chunk's own keyword evidence by how much of
 * the query it contains (raised to `chunkCoveragePower`), so a chunk that BM25 found for one stray word of a
 * paraphrase does not climb over the semantic match.
 */
export function hybridCandidates(query: string, keyword: ChunkHit[], semantic: ChunkHit[], settings: HybridSettings): FusedCandidate[] {
  return fuseByCoverage(keyword, semantic, settings, (text) => keywordCoverage(query, text, { typos: settings.typos }));
}

/** hybridCandidates with the query's coverage function given (the evaluation caches it while it tries settings). */
export function fuseByCoverage(
  keyword: ChunkHit[],
  semantic: ChunkHit[],
  settings: Omit<HybridSettings, 'typos'>,
  coverage: (text: string | undefined) => number,
): FusedCandidate[] {
  const trust = settings.keywordWeight * coverage(keyword[0]?.text) ** settings.coveragePower;
  if (settings.chunkCoveragePower === 0) return fuseCandidates(keyword, semantic, trust);
  return fuseCandidates(keyword, semantic, trust, (chunk) => coverage(chunk.text) ** settings.chunkCoveragePower);
}
