/** Word-F1 (bag of words) and bigram-F1 (word order) of an extracted text against its reference text. */
export interface Score {
  word: number;
  bigram: number;
}

export function score(extracted: string, reference: string): Score {
  const got = words(extracted);
  const want = words(reference);
  return { word: f1(got, want), bigram: f1(pairs(got), pairs(want)) };
}

/** Lower-case runs of letters, marks and digits: punctuation and layout whitespace do not count. */
function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  );
}

function pairs(tokens: string[]): string[] {
  return tokens.slice(1).map((token, i) => `${tokens[i]} ${token}`);
}

/** F1 of two multisets; two empty texts agree. */
function f1(got: string[], want: string[]): number {
  if (got.length === 0 && want.length === 0) return 1;
  return (2 * multisetOverlap(got, want)) / (got.length + want.length);
}

/** How many of `got` are in `want`, each item of `want` matched at most once (the intersection of two multisets). */
export function multisetOverlap(got: readonly string[], want: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const token of want) counts.set(token, (counts.get(token) ?? 0) + 1);
  let overlap = 0;
  for (const token of got) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(token, left - 1);
    }
  }
  return overlap;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
