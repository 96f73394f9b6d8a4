// Letters and digits, keeping inner apostrophes, hyphens and dots ("don't", "e-mail", "u.s.") whole.
const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*\.?/gu;

/** Lower-cased words of a text, in order; punctuation and whitespace are dropped. */
export function tokenize(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().replace(/’/g, "'").match(WORD) ?? [];
  return words.map((word) => (word.endsWith('.') && !/\..*\.$/.test(word) ? word.slice(0, -1) : word));
}

/**
 * The forms of a word to look up in a vocabulary, best first: the word itself, without a possessive
 * "'s", then its parts when it is a compound ("invoice-related" -> "invoice", "related").
 */
export function lookupForms(word: string): string[][] {
  const forms: string[][] = [[word]];
  if (word.endsWith("'s")) forms.push([word.slice(0, -2)]);
  if (/[-.']/.test(word)) forms.push(word.split(/[-.']/).filter(Boolean));
  return forms;
}
