import type { PageLine } from './pdf-markdown';

/** An x-range on the page: a column of an aligned table, or a piece of text in it. */
export interface Span {
  u0: number;
  u1: number;
}

/** Text on a line with no gap of a font size inside: what may be one cell of a table. */
export interface Cell extends Span {
  text: string;
}

/** A gap this many font sizes wide between pieces of text parts two cells (as it parts a line's segments). */
const CELL_GAP = 1.0;
/** A currency sign set apart at the left of its column (financial statements) belongs to the amount after it. */
const CURRENCY = /^\p{Sc}$/u;

/** Pieces that overlap by less than this (points) do not touch: kerning and rounding, not text in one column. */
const OVERLAP = 0.5;

/**
 * The columns of a run of rows: the x-ranges the pieces of its most common kind of row cover, merged where they
 * overlap (the rows with the most usual number of pieces are the body; headers spanning several columns and wrapped
 * or grouping lines are not, so they cannot bridge two columns), plus ranges that pieces of two or more other rows
 * share and no body column covers (a column the body rows mostly leave empty). Left to right.
 */
export function alignedColumns(rows: readonly (readonly Span[])[]): Span[] {
  const counts = new Map<number, number>();
  for (const row of rows) if (row.length >= 2) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  // The most frequent count; on a tie the larger, as a row more often leaves a cell empty than adds one.
  const [body] = [...counts].sort((p, q) => q[1] - p[1] || q[0] - p[0])[0] ?? [0];
  const columns = merged(rows.filter((row) => row.length === body).flat());
  const stray = rows.flatMap((row, index) =>
    row.filter((span) => overlapping(span, columns).length === 0).map((span) => ({ ...span, index })),
  );
  const shared = mergedWithRows(stray).filter((group) => group.rows.size >= 2);
  return [...columns, ...shared].sort((p, q) => p.u0 - q.u0);
}

/**
 * A line's cells: its segments split again wherever their pieces lie a font size apart. A segment can span a wide gap
 * when the PDF draws the blank between two cells as a run of spaces, which leaves no gap between runs.
 */
export function cellsOf(line: PageLine): Cell[] {
  const cells: Cell[] = [];
  for (const segment of line.segments) {
    let cell: Cell | null = null;
    for (const piece of segment.pieces) {
      if (cell && (piece.u0 - cell.u1 < CELL_GAP * segment.size || CURRENCY.test(cell.text.trim()))) {
        cell.text += piece.spaced ? ` ${piece.text}` : piece.text;
        cell.u1 = Math.max(cell.u1, piece.u1);
      } else cells.push((cell = { text: piece.text, u0: piece.u0, u1: piece.u1 }));
    }
  }
  return cells.map((cell) => ({ ...cell, text: cell.text.replace(/\s+/g, ' ').trim() })).filter((cell) => cell.text !== '');
}

/** The columns a piece overlaps, left to right; a piece in a gap belongs to the nearest column. */
export function columnsOf(span: Span, columns: readonly Span[]): number[] {
  const over = overlapping(span, columns);
  if (over.length > 0) return over;
  const middle = (span.u0 + span.u1) / 2;
  let nearest = 0;
  columns.forEach((column, index) => {
    if (distance(middle, column) < distance(middle, columns[nearest])) nearest = index;
  });
  return [nearest];
}

function overlapping(span: Span, columns: readonly Span[]): number[] {
  const found: number[] = [];
  columns.forEach((column, index) => {
    if (Math.min(span.u1, column.u1) - Math.max(span.u0, column.u0) > OVERLAP) found.push(index);
  });
  return found;
}

function distance(x: number, span: Span): number {
  return x < span.u0 ? span.u0 - x : x > span.u1 ? x - span.u1 : 0;
}

/** Overlapping spans merged into one, left to right. */
function merged(spans: readonly Span[]): Span[] {
  return mergedWithRows(spans.map((span) => ({ ...span, index: 0 }))).map(({ u0, u1 }) => ({ u0, u1 }));
}

function mergedWithRows(spans: readonly (Span & { index: number })[]): (Span & { rows: Set<number> })[] {
  const groups: (Span & { rows: Set<number> })[] = [];
  for (const span of [...spans].sort((p, q) => p.u0 - q.u0)) {
    const last = groups.at(-1);
    if (last && span.u0 < last.u1 - OVERLAP) {
      last.u1 = Math.max(last.u1, span.u1);
      last.rows.add(span.index);
    } else groups.push({ u0: span.u0, u1: span.u1, rows: new Set([span.index]) });
  }
  return groups;
}
