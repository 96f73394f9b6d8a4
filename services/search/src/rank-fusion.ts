export interface Fused<T> {
  item: T;
  score: number;
  /** 1-based rank in each input ranking, null where the item is absent. */
  ranks: (number | null)[];
}

/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): an item scores Σ 1 / (k + rank) over the
 * rankings it appears in. Only ranks count, so BM25 scores and cosine similarities need no common scale.
 * Ties go to the better best rank, then to the earlier ranking, so the order is deterministic.
 */
export function reciprocalRankFusion<T>(rankings: T[][], keyOf: (item: T) => string, k = 60): Fused<T>[] {
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
      entry.score += 1 / (k + index + 1);
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
