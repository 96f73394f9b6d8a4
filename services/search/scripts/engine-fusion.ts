/*
 * OpenSearch's hybrid-search fusion imitated over the app's own two rankings, so the evaluation can tell how far the
 * engine's fusion (OPENSEARCH_NATIVE_SEARCH) would rank the evaluation set apart from the app's without a cluster.
 */
import type { ChunkHit } from '@docpipe/search-index';
import type { ScoredChunk } from '../src/document-results';

/** What the engine gives the lowest result of a sub-query, so that it stays apart from a result the sub-query lacks (0). */
const MIN_SCORE = 0.001;

/**
 * The `normalization-processor` with `min_max` and `arithmetic_mean` weighted [keywordWeight, 1 − keywordWeight], as
 * the neural-search plugin runs it (MinMaxScoreNormalizationTechnique, ArithmeticMeanScoreCombinationTechnique,
 * ScoreCombiner, no lower bounds): each sub-query's scores over the results the shards returned become
 * (score − min) / (max − min), the lowest 0.001 and all of them 1 when min = max; a chunk a sub-query did not return
 * counts 0 there; the combined score is Σ weight · normalised / Σ weights. One shard: min and max over one list, as
 * on the evaluation's single index. Ties keep the keyword order, then the vector order.
 */
export function engineMinMaxFusion(keyword: readonly ChunkHit[], semantic: readonly ChunkHit[], keywordWeight: number): ScoredChunk[] {
  const weights = [keywordWeight, 1 - keywordWeight];
  const fused = new Map<string, { chunk: ChunkHit; scores: number[]; order: number }>();
  [keyword, semantic].forEach((hits, subQuery) => {
    const normalised = minMax(hits.map((hit) => hit.score));
    hits.forEach((chunk, rank) => {
      const entry = fused.get(chunk.chunkId) ?? { chunk, scores: [0, 0], order: fused.size };
      // A chunk listed twice by one sub-query counts once, at its best.
      entry.scores[subQuery] = Math.max(entry.scores[subQuery], normalised[rank]);
      fused.set(chunk.chunkId, entry);
    });
  });
  const sumOfWeights = weights[0] + weights[1];
  return [...fused.values()]
    .map(({ chunk, scores, order }) => ({ chunk, score: (weights[0] * scores[0] + weights[1] * scores[1]) / sumOfWeights, order }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ chunk, score }) => ({ chunk, score }));
}

function minMax(scores: readonly number[]): number[] {
  const min = Math.min(...scores);
  const max = Math.max(...scores);
  return scores.map((score) => {
    if (max === min) return 1;
    const normalised = (score - min) / (max - min);
    return normalised === 0 ? MIN_SCORE : normalised;
  });
}

/**
 * How much two document rankings agree at k: the share of the first k documents of one that are among the first k
 * of the other (1 when both are empty), whether their first documents are the same, and whether the first k are the
 * same documents in the same order.
 */
export function agreementAt(
  k: number,
  a: readonly string[],
  b: readonly string[],
): { overlap: number; sameFirst: boolean; sameOrder: boolean } {
  const topA = a.slice(0, k);
  const topB = b.slice(0, k);
  const size = Math.max(topA.length, topB.length);
  const overlap = size === 0 ? 1 : topA.filter((id) => topB.includes(id)).length / size;
  return { overlap, sameFirst: topA[0] === topB[0], sameOrder: topA.length === topB.length && topA.every((id, i) => id === topB[i]) };
}
