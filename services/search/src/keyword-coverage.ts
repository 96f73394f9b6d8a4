/**
 * How much of the query the best keyword hit really contains: the share of the query's content words found in
 * its text (compared by a rough stem). BM25 always ranks something, even for a paraphrase that shares only a
 * stray word with every document; hybrid search trusts the keyword ranking in proportion to this, so such
 * rankings do not push the semantic match down.
 */
export function keywordCoverage(query: string, topHitText: string | undefined): number {
  const terms = contentWords(query);
  if (terms.length === 0 || topHitText === undefined) return 0;
  const inHit = new Set(contentWords(topHitText).map(roughStem));
  return terms.filter((term) => inHit.has(roughStem(term))).length / terms.length;
}

// The English stop words the BM25 index drops (tantivy's list): they can never be evidence of a match.
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);
const SUFFIXES = ['ies', 'ing', 'ed', 'es', 's', 'ly', 'y', 'e'];

/** A rough English stem, enough to see "renting" and "rent" as one word. */
export function roughStem(word: string): string {
  const base = word.replace(/'s$/, '');
  const suffix = SUFFIXES.find((end) => base.endsWith(end) && base.length - end.length >= 3);
  return suffix ? base.slice(0, -suffix.length) : base;
}

/** Content words, lower-cased, without accents or stop words, each once, in order of first appearance. */
export function contentWords(text: string): string[] {
  const words =
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:'s)?/gu) ?? [];
  return [...new Set(words.filter((word) => !STOP_WORDS.has(word)))];
}
