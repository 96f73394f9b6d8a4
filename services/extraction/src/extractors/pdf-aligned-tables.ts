import type { PageLine } from './pdf-markdown';
import type { PageTable } from './pdf-tables';
import { alignedColumns, cellsOf, columnsOf, type Cell, type Span } from './pdf-aligned-columns';
import { markdownTable, withoutEmptyColumns } from './markdown-table';
import { looksLikeTable } from './pdf-aligned-checks';
import type { Rule } from './pdf-rulings';
import { joinRuledRows, type PlacedRow } from './pdf-ruled-rows';
import { median } from './median';

/** A table needs this many rows: two lines side by side are a key/value block or an address beside a date. */
const MIN_ROWS = 3;
/** A line of one piece of text this long is prose (a caption, a paragraph), not a cell: it ends a run. */
const MAX_LOOSE_CHARS = 40;
/** More one-piece lines in a row than this are a paragraph, not a wrapped cell or a group label. */
const MAX_LOOSE_LINES = 2;
/** A step between baselines of more than this many font sizes parts two blocks of the page. */
const MAX_ROW_STEP = 4;
/** A line's body sits this share of its size above its baseline: the point that decides which rules it lies between. */
const BODY_RISE = 0.3;
/** A step this many times the run's usual one (its median so far) parts a table from a footer or a block below. */
const MAX_STEP_RATIO = 2.5;

/**
 * Tables drawn without rules: runs of consecutive lines (rows) whose pieces of text stand in columns, x-ranges that
 * stay empty down the whole run between them (the text strategy of pdfplumber, tabula's and camelot's stream mode).
 * Conservative, since a wrong table scrambles text that read well: a run needs 3 rows and 3 columns with most rows
 * filling most columns, and prose, two-column articles, tables of contents and label/value forms are left as text.
 * `taken` are the lines already read as ruled tables; `horizontal` rules drawn between rows join a row's wrapped lines.
 */
export function findAlignedTables(lines: readonly PageLine[], taken: readonly PageTable[], horizontal: readonly Rule[] = []): PageTable[] {
  const tables: PageTable[] = [];
  const free = (at: number) => !taken.some((table) => table.first <= at && at <= table.last);
  const cells = lines.map(cellsOf);
  for (let at = 0; at < lines.length;) {
    const last = runEnd(lines, cells, at, free, horizontal);
    const table = last >= at + MIN_ROWS - 1 ? tableIn(lines.slice(at, last + 1), cells.slice(at, last + 1), at, horizontal) : null;
    if (table) tables.push(table);
    at = table ? table.last + 1 : at + 1;
  }
  return tables;
}

/** The last line of the run of table-like lines that starts at `first` with two or more pieces, or -1. */
function runEnd(
  lines: readonly PageLine[],
  cells: readonly Cell[][],
  first: number,
  free: (at: number) => boolean,
  horizontal: readonly Rule[],
): number {
  if (!free(first) || !upright(lines[first]) || cells[first].length < 2) return -1;
  let last = first;
  let loose = 0;
  const steps: number[] = [];
  for (let at = first + 1; at < lines.length && free(at) && upright(lines[at]); at++) {
    const above = lines[at - 1].segments[0];
    const below = lines[at].segments[0];
    const step = above.v - below.v;
    if (step > MAX_ROW_STEP * Math.max(above.size, below.size)) break;
    if (steps.length >= 2 && step > MAX_STEP_RATIO * median(steps)) break;
    steps.push(step);
    if (cells[at].length >= 2) loose = 0;
    else if ((cells[at][0]?.text.length ?? 0) > MAX_LOOSE_CHARS || ++loose > MAX_LOOSE_LINES) break;
    last = at;
  }
  // A run ends on a line with pieces side by side: a trailing one-piece line is a note or a caption below the table,
  // unless it is the wrapped end of the last row's cell, ruled off below with it.
  const end = last;
  while (last > first && cells[last].length < 2) last--;
  while (last < end && ruledWith(lines[last], lines[last + 1], horizontal)) last++;
  return last;
}

/** Whether no rule parts the two lines and one is drawn close below the second: they share a ruled row. */
function ruledWith(above: PageLine, below: PageLine, horizontal: readonly Rule[]): boolean {
  const [top, bottom] = [above.segments[0], below.segments[0]];
  const between = (rule: Rule) => rule.at < top.v + BODY_RISE * top.size && rule.at > bottom.v;
  const under = (rule: Rule) => rule.at <= bottom.v && rule.at >= bottom.v - MAX_ROW_STEP * bottom.size;
  return !horizontal.some(between) && horizontal.some(under);
}

function upright(line: PageLine): boolean {
  return line.segments.every((segment) => segment.turn === 0);
}

/** The run's lines (as cells) as a table when they stand in columns, else null; `offset` is its first line's index on the page. */
function tableIn(lines: readonly PageLine[], cells: readonly Cell[][], offset: number, horizontal: readonly Rule[]): PageTable | null {
  const columns = alignedColumns(cells);
  if (columns.length < 3) return null;
  const placed = cells.map((row, at) => {
    const { v, size } = lines[at].segments[0];
    return { ...placeRow(row, columns), y: v + BODY_RISE * size };
  });
  // Leading and trailing lines that span columns are a title or a note, not rows.
  let first = 0;
  let last = placed.length - 1;
  while (first < last && placed[first].spanning) first++;
  while (last > first && placed[last].spanning) last--;
  // Leading label/value lines (`Invoice # 0000007` beside an address) fill two columns of a wider table: a block of
  // their own above it, not rows of it.
  while (
    first < last &&
    placed[0].cells.length >= 4 &&
    filledOf(placed[first]) === 2 &&
    placed.slice(first).some((row) => filledOf(row) > 2)
  )
    first++;
  const extent = { u0: columns[0].u0, u1: columns.at(-1)!.u1 };
  const rows = joinRuledRows(placed.slice(first, last + 1), horizontal, extent);
  if (rows.length < MIN_ROWS) return null;
  const table = withoutEmptyColumns(rows.map((row) => row.cells));
  if (!looksLikeTable(table, rows.filter((row) => row.spanning).length)) return null;
  return { first: offset + first, last: offset + last, markdown: markdownTable(table) };
}

function filledOf(row: PlacedRow): number {
  return row.cells.filter((cell) => cell !== '').length;
}

/** A line's pieces put in the columns they overlap (a piece across several in the first); `spanning` when one was. */
function placeRow(row: readonly Cell[], columns: readonly Span[]): Omit<PlacedRow, 'y'> {
  const cells = columns.map(() => '');
  let spanning = false;
  for (const cell of row) {
    const over = columnsOf(cell, columns);
    if (over.length > 1) spanning = true;
    const column = over[0];
    cells[column] = cells[column] ? `${cells[column]} ${cell.text}` : cell.text;
  }
  return { cells, spanning };
}
