import type { Span } from './pdf-aligned-columns';
import type { Rule } from './pdf-rulings';

/** A line of an aligned table with its text put in the table's columns. */
export interface PlacedRow {
  cells: string[];
  spanning: boolean;
  /** The height of the line's body (a little above its baseline): what decides which rules it lies between. */
  y: number;
}

/** A rule parts rows when it runs along at least this share of the table's width. */
const ACROSS = 0.8;

/**
 * Lines between the same two horizontal rules joined into one row, when the rules part the table's rows (a table
 * ruled only between rows, with no rules between columns): a cell that wraps onto a second line, or the other cells
 * set in the middle of a row of two lines, stay one row. A band is one row only when one of its lines is its fullest
 * and the others fill fewer cells (continuations); a band of full lines is rows the rules do not part (a table ruled
 * only around its header), left line by line.
 */
export function joinRuledRows(rows: readonly PlacedRow[], horizontal: readonly Rule[], extent: Span): PlacedRow[] {
  const width = extent.u1 - extent.u0;
  const across = horizontal.filter((rule) => Math.min(rule.to, extent.u1) - Math.max(rule.from, extent.u0) >= ACROSS * width);
  if (across.length < 2) return [...rows];
  const bandOf = (row: PlacedRow) => across.filter((rule) => rule.at > row.y).length;
  const joined: PlacedRow[] = [];
  for (let at = 0; at < rows.length;) {
    let end = at + 1;
    while (end < rows.length && bandOf(rows[end]) === bandOf(rows[at])) end++;
    const band = rows.slice(at, end);
    joined.push(...(isOneRow(band) ? [joinedRow(band)] : band));
    at = end;
  }
  return joined;
}

function isOneRow(band: readonly PlacedRow[]): boolean {
  if (band.length < 2) return false;
  const filled = band.map((row) => row.cells.filter((cell) => cell !== '').length);
  const fullest = Math.max(...filled);
  return filled.filter((count) => count === fullest).length === 1;
}

/** The band's lines as one row, each cell's lines joined top to bottom. */
function joinedRow(band: readonly PlacedRow[]): PlacedRow {
  const cells = band[0].cells.map((_, column) =>
    band
      .map((row) => row.cells[column])
      .filter((cell) => cell !== '')
      .join(' '),
  );
  return { cells, spanning: band.some((row) => row.spanning), y: band[0].y };
}
