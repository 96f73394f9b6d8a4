/* Typo variants of keyword queries, to measure typo tolerance on queries nobody wrote with typos. */

// Long enough that the one-edit tolerance applies (5 letters and more) after the letter is dropped.
const MIN_LETTERS = 6;

/**
 * The query with the middle letter of its longest word (6 letters or more, the first such on a tie) dropped, as
 * a hurried typist writes "Rottrdam"; null when no word is that long. Deterministic, so runs compare.
 */
export function withTypo(query: string): string | null {
  const words = [...query.matchAll(/\p{L}+/gu)];
  const longest = words.reduce<RegExpMatchArray | null>(
    (best, word) => (word[0].length > (best?.[0].length ?? MIN_LETTERS - 1) ? word : best),
    null,
  );
  if (!longest || longest.index === undefined) return null;
  const at = longest.index + Math.floor(longest[0].length / 2);
  return query.slice(0, at) + query.slice(at + 1);
}
