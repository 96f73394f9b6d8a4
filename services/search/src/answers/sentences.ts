import { split } from 'sentence-splitter';
import { tableRows } from '../table-text';

/** A sentence as a character range of the text it was found in. */
export interface SentenceSpan {
  start: number;
  end: number;
  /** For a row of a Markdown table, the row read with its column names (`Item: Desk; Price: 120`): what it says. */
  reading?: string;
}

// A line that ends a sentence, or is a field of a form or a table row, stands alone; prose wrapped at a line end does not.
const ENDS_SENTENCE = /[.!?:;)\]"']\s*$/;
const CONTINUES = /^\s*[\p{Ll}(,]/u;
// A Markdown table row is a line of its own: the text under it never continues it.
const TABLE_ROW = /^\s*\|.*\|\s*$/;
// Longer than this is a table or a list run together, not a sentence anyone would quote.
const MAX_SENTENCE = 400;

/**
 * The sentences of a passage, as ranges of its text. Lines are grouped into blocks first (a blank line, or a line
 * that does not read as wrapped prose, ends a block: extracted text has fields and table rows on their own lines);
 * sentence-splitter then splits each block, knowing abbreviations ("Inc.", "Dr.") and decimal numbers. A row of a
 * Markdown table is one sentence, without its outer pipes, read with its header (tableRows).
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const rows = tableRows(text);
  for (const block of blocks(text)) {
    if (rows.has(block.start)) {
      const row = rows.get(block.start);
      if (row) spans.push(row);
      continue;
    }
    for (const node of split(text.slice(block.start, block.end))) {
      if (node.type !== 'Sentence') continue;
      const span = trimmed(text, block.start + node.range[0], block.start + node.range[1]);
      if (span && /[\p{L}\p{N}]/u.test(text.slice(span.start, span.end))) spans.push(...capped(text, span));
    }
  }
  return spans;
}

function blocks(text: string): SentenceSpan[] {
  const lines = [...text.matchAll(/[^\n]*(?:\n|$)/g)].filter((match) => match[0] !== '');
  const result: SentenceSpan[] = [];
  let current: SentenceSpan | null = null;
  for (const line of lines) {
    const start = line.index;
    const content = line[0].replace(/\n$/, '');
    const end = start + content.length;
    if (content.trim() === '') {
      current = null;
      continue;
    }
    const previous = current === null ? '' : text.slice(current.start, current.end);
    const wrapped = current !== null && !ENDS_SENTENCE.test(previous) && !TABLE_ROW.test(previous) && CONTINUES.test(content);
    if (current && wrapped) current.end = end;
    else result.push((current = { start, end }));
  }
  return result;
}

function trimmed(text: string, start: number, end: number): SentenceSpan | null {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

/** An over-long run cut at word boundaries into parts of at most MAX_SENTENCE characters. */
function capped(text: string, span: SentenceSpan): SentenceSpan[] {
  const parts: SentenceSpan[] = [];
  let start = span.start;
  while (span.end - start > MAX_SENTENCE) {
    const space = text.lastIndexOf(' ', start + MAX_SENTENCE);
    const end = space > start ? space : start + MAX_SENTENCE;
    parts.push({ start, end });
    start = end;
    while (start < span.end && /\s/.test(text[start])) start++;
  }
  if (span.end > start) parts.push({ start, end: span.end });
  return parts;
}
