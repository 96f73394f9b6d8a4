const TOKEN = /\p{L}[\p{L}\p{M}'’]*|\p{N}+(?:[.,:/-]\p{N}+)*/gu;

/** Lower-cased words; numbers become their shape (`2024-03-15` → `0-0-0`) so amounts and dates generalise. */
export function tokenize(text: string): string[] {
  return [...text.normalize('NFKC').toLowerCase().matchAll(TOKEN)].map(([token]) =>
    /^\p{N}/u.test(token) ? token.replace(/\p{N}+/gu, '0') : token,
  );
}

/** Character n-grams inside each word, padded with spaces: robust to OCR errors and word forms. */
export function charNgrams(words: readonly string[], sizes: readonly number[]): string[] {
  const grams: string[] = [];
  for (const word of words) {
    if (!/^\p{L}/u.test(word)) continue;
    const padded = ` ${word} `;
    for (const size of sizes) {
      for (let i = 0; i + size <= padded.length; i++) grams.push(padded.slice(i, i + size));
    }
  }
  return grams;
}
