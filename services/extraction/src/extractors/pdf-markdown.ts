import type { Segment } from './pdf-columns';
import type { PageTable } from './pdf-tables';

/** A line of a page in reading order: its segments (one baseline) and whether a paragraph break comes before it. */
export interface PageLine {
  segments: Segment[];
  paragraph: boolean;
}

/** A line set this much larger than the page's body text (the size most of its letters have) is a heading. */
const HEADING_RATIO = 1.15;
/** Lines within this share of each other's size are one heading level. */
const SAME_SIZE = 0.05;
/** More consecutive large lines than this are large text (a slide, a poster), not a heading that wraps. */
const MAX_HEADING_LINES = 3;
/** Deeper levels than this would be noise: a page rarely has more than three heading sizes that mean something. */
const MAX_LEVEL = 4;
/** A heading (all its lines) has at most this many words: a longer run of large text is an author list or a lead. */
const MAX_HEADING_WORDS = 20;
/** Bullets as PDFs draw them, including the Symbol and Wingdings glyphs that have only a private-use code point. */
const BULLET = /^[•◦▪▫●○■□‣⁃∙·➢➤►▶✓✔❖◆◇*–—\-\uf0a7\uf0b7\uf076\uf0d8\uf0fc]\s+(?=\S)/u;

const LABELLED_VALUE = /^[^:]{1,40}:(?:\s|$)/u;

interface Heading {
  /** Index of the heading's first and last line. */
  first: number;
  last: number;
  size: number;
}

/**
 * A page's lines as Markdown: a short line set clearly larger than the page's body text is a heading (`##`, one more
 * `#` for each smaller heading size on the page, to `####`; a heading that wraps is one line), a bulleted line a list item
 * (`- `), and the ruled tables found (findTables) Markdown tables in place of their lines. Outside tables, words and
 * their order are those of the lines; only markers and line breaks are added.
 */
export function pageMarkdown(lines: readonly PageLine[], tables: readonly PageTable[] = []): string {
  const texts = lines.map((line) => line.segments.map((segment) => segment.text).join(' '));
  const inTable = (at: number) => tables.some((table) => table.first <= at && at <= table.last);
  const headings = headingsOf(lines, texts).filter((heading) => !inTable(heading.first) && !inTable(heading.last));
  const tableAt = new Map(tables.map((table) => [table.first, table]));
  const levels = headingLevels(headings);
  const starts = new Map(headings.map((heading) => [heading.first, heading]));
  let markdown = '';
  let afterTable = false;
  for (let at = 0; at < lines.length;) {
    const table = tableAt.get(at);
    if (table) {
      markdown += `${at > 0 ? '\n\n' : ''}${table.markdown}`;
      at = table.last + 1;
      afterTable = true;
      continue;
    }
    const heading = starts.get(at);
    // A heading opens a block: indexing's chunker reads a block's first line as its heading; a table is a block.
    if (at > 0) markdown += heading || afterTable || lines[at].paragraph ? '\n\n' : '\n';
    afterTable = false;
    if (heading) markdown += `${'#'.repeat(levels.get(heading.size) ?? 2)} ${texts.slice(heading.first, heading.last + 1).join(' ')}`;
    else markdown += listItem(texts[at]);
    at = heading ? heading.last + 1 : at + 1;
  }
  return markdown;
}

/**
 * Runs of consecutive lines of one size, larger than the body text and not parted by a paragraph break: a run of a
 * few lines of words is a heading; a longer one, or one with a label or an amount in it, is not.
 */
function headingsOf(lines: readonly PageLine[], texts: readonly string[]): Heading[] {
  const { size: body, turn } = bodyText(lines);
  const headings: Heading[] = [];
  let run: Heading | null = null;
  const close = () => {
    const heading = run && texts.slice(run.first, run.last + 1);
    if (run && heading && heading.length <= MAX_HEADING_LINES && heading.every(isHeadingText) && wordCount(heading) <= MAX_HEADING_WORDS)
      headings.push(run);
    run = null;
  };
  lines.forEach((line, at) => {
    const size = dominantSize(line.segments);
    if (size < HEADING_RATIO * body || line.segments.some((segment) => segment.turn !== turn)) return close();
    if (run && !line.paragraph && Math.abs(size - run.size) <= SAME_SIZE * run.size) {
      run.last = at;
      return;
    }
    close();
    run = { first: at, last: at, size };
  });
  close();
  return headings;
}

/** Heading sizes ranked, largest first: the largest is `##`, each smaller size one level deeper (at most `####`). */
function headingLevels(headings: readonly Heading[]): Map<number, number> {
  const sizes = [...new Set(headings.map((heading) => heading.size))].sort((a, b) => b - a);
  const levels = new Map<number, number>();
  let level = 1;
  let previous = Infinity;
  for (const size of sizes) {
    if (size < previous * (1 - SAME_SIZE)) {
      level = Math.min(level + 1, MAX_LEVEL);
      previous = size;
    }
    levels.set(size, level);
  }
  return levels;
}

/** The size and orientation most of the page's letters have. */
function bodyText(lines: readonly PageLine[]): { size: number; turn: number } {
  const sizes = new Map<number, number>();
  const turns = new Map<number, number>();
  for (const segment of lines.flatMap((line) => line.segments)) {
    const size = roundSize(segment.size);
    sizes.set(size, (sizes.get(size) ?? 0) + segment.text.length);
    turns.set(segment.turn, (turns.get(segment.turn) ?? 0) + segment.text.length);
  }
  return { size: mostOf(sizes) ?? Infinity, turn: mostOf(turns) ?? 0 };
}

function dominantSize(segments: readonly Segment[]): number {
  const sizes = new Map<number, number>();
  for (const segment of segments) sizes.set(roundSize(segment.size), (sizes.get(roundSize(segment.size)) ?? 0) + segment.text.length);
  return mostOf(sizes) ?? 0;
}

function mostOf(counts: Map<number, number>): number | undefined {
  let best: [number, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/** Sizes to a quarter point: one font size drawn through slightly different matrices stays one size. */
function roundSize(size: number): number {
  return Math.round(size * 4) / 4;
}

/**
 * Words, not a page number or an amount set large (`EUR 1,250.00`: more letters than digits), nor a label
 * (`Name:`) or a label with its value (`Name: Acme Ltd`), which forms print large as often as titles.
 */
function isHeadingText(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters >= 2 && letters > (text.match(/\p{N}/gu)?.length ?? 0) && !LABELLED_VALUE.test(text);
}

function wordCount(texts: readonly string[]): number {
  return texts.reduce((count, text) => count + text.split(' ').length, 0);
}

/** A bulleted line as a Markdown list item; a line that would read as a Markdown heading has its `#` escaped. */
function listItem(text: string): string {
  if (BULLET.test(text)) return text.replace(BULLET, '- ');
  return /^#{1,6}(\s|$)/.test(text) ? `\\${text}` : text;
}
