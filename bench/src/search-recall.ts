import { rowOf, SMALL_TENANT, tenantOf, type Corpus } from './search-corpus';

/** Cosine similarity of the query with every vector of the tenant (brute force, unit vectors): the exact answer. */
export function exactScores(corpus: Corpus, query: Float32Array, tenantId: string, k: number): number[] {
  const { dimensions, vectors } = corpus;
  const best: number[] = [];
  const consider = (row: number) => {
    let dot = 0;
    for (let d = 0, offset = row * dimensions; d < dimensions; d++) dot += query[d]! * vectors[offset + d]!;
    if (best.length === k && dot <= best[k - 1]!) return;
    best.push(dot);
    best.sort((a, b) => b - a);
    if (best.length > k) best.pop();
  };
  if (tenantId === SMALL_TENANT) corpus.smallTenantRows.forEach(consider);
  else for (let row = 0; row < corpus.size; row++) if (tenantOf(Math.floor(row / corpus.chunksPerDocument)) === tenantId) consider(row);
  return best;
}

/**
 * Share of the true top k the index found. Generated text gives many equal similarities, so a hit counts when it
 * is as similar as the k-th exact one (a tie), not only when it is the same chunk.
 */
export function recallAt(corpus: Corpus, query: Float32Array, found: string[], exact: number[]): number {
  if (exact.length === 0) return 1;
  const threshold = exact[exact.length - 1]! - 1e-6;
  const { dimensions, vectors } = corpus;
  const good = found.filter((chunkId) => {
    const offset = rowOf(corpus, chunkId) * dimensions;
    let dot = 0;
    for (let d = 0; d < dimensions; d++) dot += query[d]! * vectors[offset + d]!;
    return dot >= threshold;
  }).length;
  return Math.min(good, exact.length) / exact.length;
}
