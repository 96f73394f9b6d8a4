import type { ScoredChunk } from './document-results';
import { contentWords, roughStem } from './keyword-coverage';
import type { FusedCandidate } from './score-fusion';

export const RERANK_FEATURES = ['fused', 'keyword', 'cosine', 'coverage', 'title', 'proximity'] as const;
export type RerankFeature = (typeof RERANK_FEATURES)[number];
export type RerankWeights = Record<RerankFeature, number>;

/**
 * What the offline reranker reads about a candidate chunk, each on a 0…1-ish scale:
 * - fused: the first stage's convex score (so weights { fused: 1 } rank as the first stage does);
 * - keyword: BM25 over the query's best; cosine: similarity of the query and chunk vectors;
 * - coverage: share of the query's content words in the chunk's text (BM25 rewards repeats of one word, this does not);
 * - title: share of the query's content words in the file name;
 * - proximity: how tightly the query words found in the chunk sit together (1: side by side; 0: fewer than two found).
 */
export function rerankFeatures(queryTerms: readonly string[], candidate: FusedCandidate): Record<RerankFeature, number> {
  const words = tokens(candidate.chunk.text);
  const title = new Set(tokens(candidate.chunk.fileName));
  const present = new Set(words);
  const found = queryTerms.filter((term) => present.has(term));
  return {
    fused: candidate.score,
    keyword: candidate.keyword,
    cosine: candidate.cosine,
    coverage: queryTerms.length === 0 ? 0 : found.length / queryTerms.length,
    title: queryTerms.length === 0 ? 0 : queryTerms.filter((term) => title.has(term)).length / queryTerms.length,
    proximity: found.length < 2 ? 0 : (found.length - 1) / (shortestSpan(words, new Set(found)) - 1),
  };
}

/** The query's content words as the features compare them (stemmed, each once). */
export function queryTermsOf(query: string): string[] {
  return [...new Set(contentWords(query).map(roughStem))];
}

/**
 * Second stage: the first `top` candidates are re-scored by a linear model over their features (weights learned
 * by `npm run eval:search` on its train half); the candidates after them keep their order, below all of them.
 */
export function featureRerank(query: string, candidates: readonly FusedCandidate[], weights: RerankWeights, top: number): ScoredChunk[] {
  const terms = queryTermsOf(query);
  const head = candidates.slice(0, top).map((candidate) => {
    const features = rerankFeatures(terms, candidate);
    return { chunk: candidate.chunk, score: RERANK_FEATURES.reduce((sum, name) => sum + weights[name] * features[name], 0) };
  });
  head.sort((a, b) => b.score - a.score);
  const floor = head.length > 0 ? head[head.length - 1].score : 0;
  // Scores strictly below the reranked head, decreasing in first-stage order.
  const tail = candidates.slice(top).map((candidate, i) => ({ chunk: candidate.chunk, score: floor - 1 - i }));
  return [...head, ...tail];
}

function tokens(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:'s)?/gu) ?? []
  ).map(roughStem);
}

/** Length in words of the shortest stretch of `words` that holds every one of `terms` (all of them occur). */
function shortestSpan(words: readonly string[], terms: ReadonlySet<string>): number {
  const counts = new Map<string, number>();
  let best = words.length;
  let start = 0;
  for (let end = 0; end < words.length; end++) {
    if (terms.has(words[end])) counts.set(words[end], (counts.get(words[end]) ?? 0) + 1);
    while (counts.size === terms.size) {
      best = Math.min(best, end - start + 1);
      const word = words[start++];
      const count = counts.get(word);
      if (count === 1) counts.delete(word);
      else if (count !== undefined) counts.set(word, count - 1);
    }
  }
  return best;
}
