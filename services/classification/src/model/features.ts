import type { ExtractedText } from '@docpipe/contracts';
import { cueTokens } from './cues';
import { layoutTokens } from './layout';
import { mediaFamily, structureTokens } from './structure';
import { charNgrams, tokenize } from './tokens';

/** Feature families, each L2-normalised on its own and then weighted, so long texts do not drown the structure. */
export const blocks = ['word', 'char', 'structure', 'media', 'cue', 'layout'] as const;
export type Block = (typeof blocks)[number];

const CHAR_SIZES = [3, 4];

const prefixes: Record<string, Block> = { 'c:': 'char', 's:': 'structure', 'm:': 'media', 'k:': 'cue', 'l:': 'layout' };

export const blockOf = (feature: string): Block => prefixes[feature.slice(0, 2)] ?? 'word';

/**
 * Raw counts of every feature of a document: words and word pairs (`w:`), character n-grams (`c:`), structure (`s:`)
 * the kind of file (`m:`, a block of its own so a workbook's metadata words cannot outvote its format) and the
 * type-naming words of five languages (`k:`, see cues.ts) and the shape of the text (`l:`, see layout.ts).
 */
export function countFeatures(document: ExtractedText): Map<string, number> {
  const words = document.pages.flatMap((page) => tokenize(page.text));
  const counts = new Map<string, number>();
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  words.forEach((word) => add(`w:${word}`));
  for (let i = 1; i < words.length; i++) add(`w:${words[i - 1]} ${words[i]}`);
  charNgrams(words, CHAR_SIZES).forEach((gram) => add(`c:${gram}`));
  structureTokens(document).forEach(add);
  add(`m:${mediaFamily(document.mediaType)}`);
  const text = document.pages.map((page) => page.text).join('\n');
  cueTokens(text).forEach(add);
  layoutTokens(text).forEach(add);
  return counts;
}

export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface Vectorizer {
  index: ReadonlyMap<string, number>;
  idf: readonly number[];
  blockWeights: Readonly<Record<Block, number>>;
}

/** Sub-linear TF × IDF over the vocabulary, each block scaled to unit length times its weight. */
export function vectorize(counts: ReadonlyMap<string, number>, vectorizer: Vectorizer): SparseVector {
  const byBlock = new Map<Block, { index: number; value: number }[]>();
  for (const [feature, count] of counts) {
    const index = vectorizer.index.get(feature);
    if (index === undefined) continue;
    const block = blockOf(feature);
    const entries = byBlock.get(block) ?? [];
    entries.push({ index, value: (1 + Math.log(count)) * vectorizer.idf[index] });
    byBlock.set(block, entries);
  }
  const entries = [...byBlock].flatMap(([block, items]) => {
    const norm = Math.sqrt(items.reduce((sum, item) => sum + item.value ** 2, 0));
    return items.map((item) => ({ index: item.index, value: (item.value / norm) * vectorizer.blockWeights[block] }));
  });
  entries.sort((a, b) => a.index - b.index);
  return { indices: entries.map((entry) => entry.index), values: entries.map((entry) => entry.value) };
}
