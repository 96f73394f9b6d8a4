export interface Fused<T> {
  item: T;
  score: number;
  /** 1-based rank in each input ranking, null where the item is absent. */
  ranks: (number | null)[];
}

/**
 * Weighted reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009, with a weight per ranking): an item
 * scores Σ weight / (k + rank) over the rankings it appears in. Only ranks count, so BM25 scores and cosine
 * similarities need no common scale; the weights say how far each ranking is trusted (all 1: plain RRF).
 * Ties go to the better best rank, then to the earlier ranking, so the order is deterministic.
 */
export function reciprocalRankFusion<T>(
  rankings: T[][],
  keyOf: (item: T) => string,
  k = 60,
  weights: readonly number[] = rankings.map(() => 1),
): Fused<T>[] {
  const fused = new Map<string, Fused<T>>();
  rankings.forEach((ranking, list) => {
    ranking.forEach((item, index) => {
      const key = keyOf(item);
      let entry = fused.get(key);
      if (!entry) {
        entry = { item, score: 0, ranks: rankings.map(() => null) };
        fused.set(key, entry);
      }
      // An item listed twice in one ranking counts once, at its better rank.
      if (entry.ranks[list] !== null) return;
      entry.ranks[list] = index + 1;
      entry.score += weights[list] / (k + index + 1);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score || bestRank(a) - bestRank(b) || firstList(a) - firstList(b));
}

function bestRank(entry: Fused<unknown>): number {
  return Math.min(...entry.ranks.map((rank) => rank ?? Infinity));
}

function firstList(entry: Fused<unknown>): number {
  return entry.ranks.findIndex((rank) => rank === bestRank(entry));
}
