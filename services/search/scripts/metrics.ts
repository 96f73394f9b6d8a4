/** Document-level ranking metrics and the word-overlap check of the search evaluation. */

/** 1-based rank of the first relevant document in `ranked`, or null when none is there. */
export function firstRelevantRank(ranked: readonly string[], relevant: readonly string[]): number | null {
  const index = ranked.findIndex((id) => relevant.includes(id));
  return index === -1 ? null : index + 1;
}

/** Share of the relevant documents found in the first `k` results. */
export function recallAt(k: number, ranked: readonly string[], relevant: readonly string[]): number {
  if (relevant.length === 0) throw new RangeError('a query needs at least one relevant document');
  const top = ranked.slice(0, k);
  return relevant.filter((id) => top.includes(id)).length / relevant.length;
}

/** 1 / rank of the first relevant document, 0 when the ranking holds none (averaged over queries: MRR). */
export function reciprocalRank(ranked: readonly string[], relevant: readonly string[]): number {
  const rank = firstRelevantRank(ranked, relevant);
  return rank === null ? 0 : 1 / rank;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

// The English stop words the BM25 index drops (tantivy's list), so overlap counts only words that can match.
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);
const SUFFIXES = ['ies', 'ing', 'ed', 'es', 's', 'ly', 'y', 'e'];

/** A rough English stem, enough to see "renting" and "rent" as one word; not the index's exact stemmer. */
export function roughStem(word: string): string {
  const base = word.replace(/'s$/, '');
  const suffix = SUFFIXES.find((end) => base.endsWith(end) && base.length - end.length >= 3);
  return suffix ? base.slice(0, -suffix.length) : base;
}

/** Content words, lower-cased and without accents or stop words, in order of first appearance. */
export function contentWords(text: string): string[] {
  const words =
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:'s)?/gu) ?? [];
  return [...new Set(words.filter((word) => !STOP_WORDS.has(word)))];
}

/** The query's content words that also occur in the document, compared by rough stem. */
export function sharedWords(query: string, document: string): string[] {
  const inDocument = new Set(contentWords(document).map(roughStem));
  return contentWords(query).filter((word) => inDocument.has(roughStem(word)));
}

/** nDCG@k with binary relevance: DCG of the ranking over the DCG of a ranking with every relevant document first. */
export function ndcgAt(k: number, ranked: readonly string[], relevant: readonly string[]): number {
  if (relevant.length === 0) throw new RangeError('a query needs at least one relevant document');
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + (relevant.includes(id) ? 1 / Math.log2(i + 2) : 0), 0);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.length); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}
