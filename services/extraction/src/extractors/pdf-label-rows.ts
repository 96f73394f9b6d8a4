import { cellsOf, type Cell } from './pdf-aligned-columns';
import type { PageLine } from './pdf-markdown';
import type { PageTable } from './pdf-tables';
import { markdownTable } from './markdown-table';

/** A header has at least this many labels: two side by side are as often a label and its value, or two addresses. */
const MIN_LABELS = 3;
/** At most this many rows of values stand below, and no other row after them: those are an item table's, which findAlignedTables reads. */
const MAX_VALUE_ROWS = 3;
/** A label or a value is short; a longer piece of text is a sentence. */
const MAX_CELL_CHARS = 30;
/** A row starts at most this many font sizes below the one above it. */
const MAX_ROW_STEP = 2.5;
/** A value's middle lies at most this many font sizes outside the header's extent. */
const MAX_OVERHANG = 2;
/** Sizes further apart than this share of the larger are two kinds of print: a footer in small type below a summary. */
const RESIZED = 0.1;
/** Edges this many font sizes apart are aligned: kerning and rounding. */
const ALIGNED = 0.3;

/**
 * A row of labels above one to three rows of values, each value under its label (`TAX: % Base amount: Tax amount:
 * Total:` over `VAT 21.00 522.31 109.69 632.00 EUR`, a tax summary's `Nettobetrag MwSt-Betrag Endbetrag` over its rates
 * and their sum), as a Markdown table whose columns are the labels: the value under a label is in its column however
 * many cells a row leaves empty, which the text of the lines cannot tell. Read before findAlignedTables, which wants more
 * rows and no header of colon labels, and which keeps what this leaves: longer runs of rows, labels that do not name
 * the columns.
 */
export function findLabelRows(lines: readonly PageLine[], taken: readonly PageTable[]): PageTable[] {
  const free = (at: number) => at < lines.length && !taken.some((table) => table.first <= at && at <= table.last);
  const cells = lines.map(cellsOf);
  const tables: PageTable[] = [];
  for (let at = 0; at < lines.length; at++) {
    if (!free(at) || !isLabelRow(lines[at], cells[at])) continue;
    const header = cells[at];
    const valueRow = (row: number) => free(row) && follows(lines[row - 1], lines[row]) && isValueRow(cells[row], header, lines[row]);
    // A row of the same print with pieces side by side after the values: they were the first rows of an item table.
    const anotherRow = (row: number) =>
      row < lines.length && cells[row].length >= 2 && follows(lines[row - 1], lines[row]) && sameSize(lines[row - 1], lines[row]);
    const rows: Cell[][] = [];
    let last = at;
    while (rows.length < MAX_VALUE_ROWS && valueRow(last + 1)) {
      rows.push([...cells[++last]]);
      // A value that wraps (an IBAN's last digits) goes on below its start, in a line of no other values: its row's cell.
      while (
        free(last + 1) &&
        !valueRow(last + 1) &&
        follows(lines[last], lines[last + 1]) &&
        continues(rows.at(-1)!, cells[last + 1], lines[last + 1])
      ) {
        last++;
        rows[rows.length - 1] = joined(rows.at(-1)!, cells[last], lines[last]);
      }
    }
    if (rows.length === 0 || valueRow(last + 1) || anotherRow(last + 1)) continue;
    const size = lines[at + 1].segments[0].size;
    const columns = rows.map((row) => row.map((cell) => columnOf(cell, header, size)));
    // Two figures under one label: the labels do not name the columns (`Dienst/uur Prijs` set as one over two of them).
    if (rows.some((row, index) => sharesColumn(row, columns[index]))) continue;
    tables.push({
      first: at,
      last,
      markdown: markdownTable([header.map((cell) => cell.text), ...rows.map((row, index) => placed(row, columns[index], header))]),
    });
    at = last;
  }
  return tables;
}

/** Short upright pieces of words without a digit: `Nettobetrag`, `Tax amount:`, `Steuersatz [%]`. */
function isLabelRow(line: PageLine, cells: readonly Cell[]): boolean {
  return (
    cells.length >= MIN_LABELS &&
    upright(line) &&
    cells.every((cell) => cell.text.length <= MAX_CELL_CHARS && !/\d/.test(cell.text) && /\p{L}{2}/u.test(cell.text))
  );
}

/** Short pieces, all but at most one with a digit (a rate's name, `VAT`, a currency code may stand among them), within the header's width. */
function isValueRow(cells: readonly Cell[], header: readonly Cell[], line: PageLine): boolean {
  const size = line.segments[0].size;
  const [left, right] = [header[0].u0 - MAX_OVERHANG * size, header.at(-1)!.u1 + MAX_OVERHANG * size];
  const numeric = cells.filter((cell) => /\d/.test(cell.text)).length;
  return (
    cells.length >= 2 &&
    upright(line) &&
    numeric >= 2 &&
    numeric >= cells.length - 1 &&
    cells.every((cell) => cell.text.length <= MAX_CELL_CHARS && left <= middle(cell) && middle(cell) <= right)
  );
}

/** Whether a line is one piece that starts where a value of the row above does: that value's wrapped end. */
function continues(row: readonly Cell[], next: readonly Cell[], line: PageLine): boolean {
  return next.length === 1 && startOf(row, next[0], line) >= 0;
}

/** The row with the wrapped end of a value joined to it. */
function joined(row: readonly Cell[], [end]: readonly Cell[], line: PageLine): Cell[] {
  const cells = [...row];
  const at = startOf(cells, end, line);
  cells[at] = { text: `${cells[at].text} ${end.text}`, u0: cells[at].u0, u1: Math.max(cells[at].u1, end.u1) };
  return cells;
}

function startOf(row: readonly Cell[], cell: Cell, line: PageLine): number {
  return row.findIndex((value) => Math.abs(value.u0 - cell.u0) <= ALIGNED * line.segments[0].size);
}

function follows(above: PageLine, below: PageLine): boolean {
  const [top, bottom] = [above.segments[0], below.segments[0]];
  return top.v - bottom.v > 0 && top.v - bottom.v <= MAX_ROW_STEP * Math.max(top.size, bottom.size);
}

function sameSize(above: PageLine, below: PageLine): boolean {
  const [top, bottom] = [above.segments[0].size, below.segments[0].size];
  return Math.abs(top - bottom) <= RESIZED * Math.max(top, bottom);
}

function upright(line: PageLine): boolean {
  return line.segments.every((segment) => segment.turn === 0);
}

/** The row's values in the labels' columns; two values under one label (a rate's name and its rate) share its cell. */
function placed(row: readonly Cell[], columns: readonly number[], header: readonly Cell[]): string[] {
  const cells = header.map(() => '');
  for (const [index, cell] of row.entries()) {
    const column = columns[index];
    cells[column] = cells[column] ? `${cells[column]} ${cell.text}` : cell.text;
  }
  return cells;
}

function sharesColumn(row: readonly Cell[], columns: readonly number[]): boolean {
  const numeric = columns.filter((_, index) => /\d/.test(row[index].text));
  return new Set(numeric).size < numeric.length;
}

/**
 * The label a value stands under: the one it is aligned with, left or right edge (a column set flush left, or figures
 * flush right under a right-aligned label); else the one whose reach, from its start to the next label's, holds the
 * value's middle (a figure set right of its label, as `Tax amount:` left-aligned over `109.69` right-aligned).
 */
function columnOf(cell: Cell, header: readonly Cell[], size: number): number {
  const aligned = header.findIndex(
    (label) => Math.abs(label.u0 - cell.u0) <= ALIGNED * size || Math.abs(label.u1 - cell.u1) <= ALIGNED * size,
  );
  if (aligned >= 0) return aligned;
  const reach = header.filter((label) => label.u0 <= middle(cell)).length;
  return Math.max(reach - 1, 0);
}

const middle = (cell: Cell) => (cell.u0 + cell.u1) / 2;
