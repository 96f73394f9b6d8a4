import { withoutTableRules } from './table-text';

// Words too common to be worth highlighting (the index drops them from BM25 as well).
const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have he her his i in is it its of on or our she that the their them there they this to was we were what when where which who will with you your'.split(
    ' ',
  ),
);

/** The query's words that can be highlighted: lower-cased, without stop words, reduced to a stem-like prefix. */
export function highlightTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const stems = words.filter((word) => !STOP_WORDS.has(word)).map((word) => (word.length > 5 ? word.slice(0, word.length - 2) : word));
  return [...new Set(stems)];
}

/**
 * A window of at most `maxChars` of the text around the densest cluster of query terms, HTML-escaped, each
 * matching word wrapped in <mark></mark>, with … where the text was cut. Without any match (a semantic hit),
 * the start of the text. A table's `| --- |` rules are left out: the snippet shows its rows.
 */
export function snippet(chunkText: string, terms: string[], maxChars = 240): string {
  const text = withoutTableRules(chunkText);
  const matches = findMatches(text, terms);
  const start = matches.length === 0 ? 0 : bestWindowStart(text, matches, maxChars);
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), start + 1);
  const inside = matches.filter((match) => match.start >= start && match.end <= end);
  let result = '';
  let at = start;
  for (const match of inside) {
    result += `${escapeHtml(text.slice(at, match.start))}<mark>${escapeHtml(text.slice(match.start, match.end))}</mark>`;
    at = match.end;
  }
  result += escapeHtml(text.slice(at, end));
  const tidy = result.replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${tidy}${end < text.length ? '…' : ''}`;
}

interface Match {
  start: number;
  end: number;
}

function findMatches(text: string, terms: string[]): Match[] {
  if (terms.length === 0) return [];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escapeRegExp).join('|')})[\\p{L}\\p{N}]*`, 'giu');
  return [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/** Where the window with the most matches starts: a little before its first match, at a word start. */
function bestWindowStart(text: string, matches: Match[], maxChars: number): number {
  const lead = Math.floor(maxChars / 6);
  let best = matches[0];
  let bestCount = 0;
  for (const first of matches) {
    const count = matches.filter((match) => match.start >= first.start && match.end <= first.start - lead + maxChars).length;
    if (count > bestCount) [best, bestCount] = [first, count];
  }
  const start = Math.max(0, best.start - lead);
  if (start === 0) return 0;
  const space = text.indexOf(' ', start);
  return space === -1 || space >= best.start ? best.start : space + 1;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
