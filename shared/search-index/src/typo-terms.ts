/** How a keyword search treats the query's words. */
export interface KeywordOptions {
  /**
   * Typo tolerance: besides the exact words, each word of 5 letters or more also matches words one edit away
   * (two from 9 letters), its first letter kept. An exact match scores on both counts, so it stays ahead.
   */
  typos?: boolean;
}

export interface TypoTerm {
  word: string;
  edits: 1 | 2;
}

// Shorter words have too many neighbours one edit away (tax: fax, tap, tan) to be worth the noise.
const MIN_LETTERS = 5;
const TWO_EDITS_FROM = 9;
// Each fuzzy word expands to many index terms; a long pasted query is searched exactly beyond these.
const MAX_TERMS = 8;

/** The query's words that typo tolerance expands, each once, with the edits it allows. */
export function typoTerms(query: string): TypoTerm[] {
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
  return words
    .filter((word) => word.length >= MIN_LETTERS && !/^\p{N}+$/u.test(word))
    .slice(0, MAX_TERMS)
    .map((word) => ({ word, edits: word.length >= TWO_EDITS_FROM ? 2 : 1 }));
}
