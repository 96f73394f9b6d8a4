import leven from 'leven';
import { typoTerms } from '@docpipe/search-index';

/**
 * How much of the query a chunk's text really contains: the share of the query's content words found in it
 * (compared by a rough stem and, with `typos`, one or two edits away as keyword search matches them). BM25 always
 * ranks something, even for a paraphrase that shares only a stray word with every document; hybrid search trusts
 * keywords in proportion to this, so such rankings do not push the semantic match down.
 */
export function keywordCoverage(query: string, text: string | undefined, options: { typos?: boolean } = {}): number {
  const terms = contentWords(query);
  if (terms.length === 0 || text === undefined) return 0;
  const words = contentWords(text);
  const stems = new Set(words.map(roughStem));
  // The same words and edit allowances as the index's typo tolerance, so a misspelt query word the index matched counts as found.
  const edits = new Map(options.typos ? typoTerms(terms.join(' ')).map(({ word, edits }) => [word, edits]) : []);
  const found = (term: string) => stems.has(roughStem(term)) || withinEdits(term, words, edits.get(term) ?? 0);
  return terms.filter(found).length / terms.length;
}

/** Whether a word of `words` is at most `edits` edits from `term`, its first letter kept (as the index's fuzzy match). */
function withinEdits(term: string, words: readonly string[], edits: number): boolean {
  if (edits === 0) return false;
  return words.some((word) => word[0] === term[0] && Math.abs(word.length - term.length) <= edits && leven(word, term) <= edits);
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
