import type { Piece, Segment } from './pdf-columns';
import type { PageLine } from './pdf-markdown';
import type { Rule, Rulings } from './pdf-rulings';
import { markdownTable, withoutEmptyColumns } from './markdown-table';

/** A ruled table found on a page: the lines it replaces (consecutive, by index) and its Markdown. */
export interface PageTable {
  first: number;
  last: number;
  markdown: string;
}

/** Rules within this many points of each other meet, or are one rule. */
const TOLERANCE = 2;
/** Rules this close are the two sides of a gutter between cells drawn as separate boxes: one boundary. */
const GUTTER = 6;
/** A line of text's body sits this share of its size above its baseline: the point that decides its row. */
const BODY_RISE = 0.3;
/** A cell holds at most this many lines of text. */
const MAX_CELL_LINES = 4;
/** At most this share of a table's rows has text merged across columns (titles, grouped headers). */
const MAX_SPANNING_SHARE = 0.25;

/**
 * Whether a page may hold a table worth reading its drawing for: two lines with text far apart on them (a gap of a
 * font size or more). The operator list costs about twice the text layer, so pages of running text never read it.
 */
export function mayHoldTable(lines: readonly PageLine[]): boolean {
  let apart = 0;
  for (const line of lines) if ((line.segments.length >= 2 || line.segments.some(hasWideGap)) && ++apart >= 2) return true;
  return false;
}

function hasWideGap(segment: Segment): boolean {
  return segment.pieces.some((piece, i) => i > 0 && piece.u0 - segment.pieces[i - 1].u1 >= segment.size);
}

/**
 * The ruled tables among a page's lines: a grid of drawn horizontal and vertical rules that meet, at least two rows by
 * two columns, becomes a Markdown table of the text inside its cells (a cell's lines joined). Conservative: a grid is
 * left as text when a line of text lies partly outside it, when its lines are not consecutive in reading order, or
 * when text crosses a drawn rule; text that crosses where no rule is drawn is a merged cell, kept in its first column.
 */
export function findTables(lines: readonly PageLine[], rulings: Rulings): PageTable[] {
  const tables: PageTable[] = [];
  for (const grid of gridsOf(rulings)) {
    const table = tableIn(lines, grid);
    if (table && !tables.some((other) => other.first <= table.last && table.first <= other.last)) tables.push(table);
  }
  return tables.sort((a, b) => a.first - b.first);
}

/** Where rules part two rows or columns: one rule, or the two sides of a gutter between cells drawn as boxes. */
interface Boundary {
  lo: number;
  hi: number;
}

interface Grid {
  /** Row boundaries, top first (larger y is higher on the page). */
  ys: Boundary[];
  /** Column boundaries, left first. */
  xs: Boundary[];
  horizontal: Rule[];
  vertical: Rule[];
}

/** Groups of rules that meet (or come within a gutter of meeting), each with at least three rows and columns of rules. */
function gridsOf({ horizontal, vertical }: Rulings): Grid[] {
  const parent = [...horizontal, ...vertical].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  horizontal.forEach((h, i) =>
    vertical.forEach((v, j) => {
      if (v.at >= h.from - GUTTER && v.at <= h.to + GUTTER && h.at >= v.from - GUTTER && h.at <= v.to + GUTTER)
        parent[find(i)] = find(horizontal.length + j);
    }),
  );
  const groups = new Map<number, { horizontal: Rule[]; vertical: Rule[] }>();
  const group = (i: number) => groups.get(find(i)) ?? groups.set(find(i), { horizontal: [], vertical: [] }).get(find(i))!;
  horizontal.forEach((h, i) => group(i).horizontal.push(h));
  vertical.forEach((v, j) => group(horizontal.length + j).vertical.push(v));
  return [...groups.values()]
    .map((g) => ({
      ys: boundaries(g.horizontal.map((h) => h.at)).reverse(),
      xs: boundaries(g.vertical.map((v) => v.at)),
      ...g,
    }))
    .filter((g) => g.ys.length >= 3 && g.xs.length >= 3);
}

function tableIn(lines: readonly PageLine[], grid: Grid): PageTable | null {
  const inside = (s: Segment) =>
    s.turn === 0 && s.u0 >= grid.xs[0].lo - TOLERANCE && s.u1 <= grid.xs.at(-1)!.hi + TOLERANCE && rowOf(grid, s) >= 0;
  let first = -1;
  let last = -1;
  for (const [at, line] of lines.entries()) {
    const count = line.segments.filter(inside).length;
    if (count === 0) continue;
    if (count < line.segments.length || (last >= 0 && at !== last + 1)) return null;
    if (first < 0) first = at;
    last = at;
  }
  if (first < 0) return null;
  const cells: Piece[][][] = Array.from({ length: grid.ys.length - 1 }, () => Array.from({ length: grid.xs.length - 1 }, () => []));
  const baselines = cells.map((row) => row.map(() => new Set<number>()));
  const spanning = new Set<number>();
  for (const segment of lines.slice(first, last + 1).flatMap((line) => line.segments)) {
    const start = rowOf(grid, segment);
    let previous: Piece[] | null = null;
    for (const piece of segment.pieces) {
      const column = columnOf(grid, piece, start);
      if (!column) return null;
      const row = mergedRow(grid, start, column.index);
      if (column.merged) spanning.add(row);
      const cell = cells[row][column.index];
      // Pieces from another segment (another line of the cell, or beyond a wide gap) are other words.
      cell.push(cell === previous ? piece : { ...piece, spaced: true });
      baselines[row][column.index].add(segment.v);
      previous = cell;
    }
  }
  // A cell of many lines is rows the grid does not rule apart, and text across columns in many rows is columns it does
  // not rule apart (a table ruled only around its header): not a grid to trust.
  if (baselines.some((row) => row.some((lines) => lines.size > MAX_CELL_LINES))) return null;
  if (spanning.size > Math.max(1, cells.length * MAX_SPANNING_SHARE)) return null;
  const texts = cells.map((row) => row.map(cellText));
  const rows = withoutEmptyColumns(texts.filter((row) => row.some((cell) => cell !== '')));
  // Leading rows of one cell (a title merged across the table) stand above it, as a sheet's title does.
  let titles = 0;
  while (titles < rows.length - 2 && rows[titles].filter(Boolean).length === 1) titles++;
  const body = withoutEmptyColumns(rows.slice(titles));
  if (body.length < 2 || body[0].length < 2) return null;
  const above = rows.slice(0, titles).map((row) => `${row.find(Boolean)}\n\n`);
  return { first, last, markdown: `${above.join('')}${markdownTable(body)}` };
}

/** The row whose rules enclose the segment's body, or -1 outside the grid. */
function rowOf(grid: Grid, segment: Segment): number {
  const y = segment.v + BODY_RISE * segment.size;
  for (let row = 0; row + 1 < grid.ys.length; row++) if (y <= grid.ys[row].hi && y > grid.ys[row + 1].lo) return row;
  return -1;
}

/**
 * The column the piece starts in, moved left past boundaries not ruled in its row (a cell merged across columns keeps
 * its text in its first slot; `merged` then, as when the piece runs across such a boundary), or null when the piece
 * crosses a rule drawn in its row (no grid to trust).
 */
function columnOf(grid: Grid, piece: Piece, row: number): { index: number; merged: boolean } | null {
  const top = grid.ys[row].lo;
  const bottom = grid.ys[row + 1].hi;
  let index = 0;
  let merged = false;
  for (let k = 1; k + 1 < grid.xs.length; k++) {
    const x = grid.xs[k];
    if (piece.u0 + TOLERANCE >= x.lo) index = k;
    else if (piece.u1 - TOLERANCE > x.hi) {
      if (ruledAt(grid.vertical, x, top, bottom)) return null;
      merged = true;
    }
  }
  while (index > 0 && !ruledAt(grid.vertical, grid.xs[index], top, bottom)) {
    index--;
    merged = true;
  }
  return { index, merged };
}

/** The row moved up past boundaries not ruled across the column (a cell merged across rows). */
function mergedRow(grid: Grid, row: number, column: number): number {
  let merged = row;
  while (merged > 0 && !ruledAt(grid.horizontal, grid.ys[merged], grid.xs[column].hi, grid.xs[column + 1].lo)) merged--;
  return merged;
}

/** A cell's pieces in reading order, a space where the line had one between them. */
function cellText(pieces: readonly Piece[]): string {
  return pieces
    .map((piece, i) => (i > 0 && piece.spaced ? ` ${piece.text}` : piece.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a rule is drawn at the boundary across the middle of the span from `a` to `b`. */
function ruledAt(rules: readonly Rule[], at: Boundary, a: number, b: number): boolean {
  const middle = (a + b) / 2;
  return rules.some((rule) => rule.at >= at.lo - TOLERANCE && rule.at <= at.hi + TOLERANCE && rule.from <= middle && rule.to >= middle);
}

/** Rule positions as boundaries, ascending: positions closer than a gutter to the one before are one boundary. */
function boundaries(values: number[]): Boundary[] {
  const found: Boundary[] = [];
  for (const value of [...values].sort((a, b) => a - b)) {
    const last = found.at(-1);
    if (last && value - last.hi <= GUTTER) last.hi = value;
    else found.push({ lo: value, hi: value });
  }
  return found;
}
