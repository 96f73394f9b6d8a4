import { median } from './median';

/** A table has at least this many columns: two side by side are as often a list with page numbers or a form. */
const MIN_COLUMNS = 3;
/** At least this many rows have two or more cells filled. */
const MIN_FULL_ROWS = 3;
/** At least this share of the rows fill half the columns or more: most rows have cells in most columns. */
const MIN_FILLED_SHARE = 0.6;
/** More than this share of all the cells is filled: forms and lists of glyphs in columns fill far fewer. */
const MIN_FILL = 0.5;
/** At most this share of the rows has text across columns (titles, grouped headers). */
const MAX_SPANNING_SHARE = 0.25;
/** A column whose cells are this long (median, in characters) holds running text. */
const PROSE_CHARS = 25;
/** A column whose cells end in a colon this often is a form's labels, not a table's column. */
const LABEL_SHARE = 0.5;
const PAGE_NUMBER = /^\d{1,4}$/;

/**
 * Whether rows of cells read from aligned text are a table rather than a layout that happens to align: enough rows
 * that fill most columns, few rows across columns, at most one column of running text (two are an article in columns),
 * no column of labels (`Invoice no:`, a form) and no last column of rising page numbers (a table of contents).
 */
export function looksLikeTable(rows: readonly (readonly string[])[], spanningRows: number): boolean {
  const width = rows[0]?.length ?? 0;
  if (width < MIN_COLUMNS) return false;
  const filled = rows.map((row) => row.filter((cell) => cell !== '').length);
  if (filled.filter((count) => count >= 2).length < MIN_FULL_ROWS) return false;
  if (filled.filter((count) => count * 2 >= width).length < MIN_FILLED_SHARE * rows.length) return false;
  if (filled.reduce((sum, count) => sum + count, 0) <= MIN_FILL * width * rows.length) return false;
  if (spanningRows > Math.max(1, MAX_SPANNING_SHARE * rows.length)) return false;
  const columns = Array.from({ length: width }, (_, index) => rows.map((row) => row[index]).filter((cell) => cell !== ''));
  if (columns.filter((cells) => median(cells.map((cell) => cell.length)) >= PROSE_CHARS).length > 1) return false;
  if (columns.some((cells) => cells.filter((cell) => cell.endsWith(':')).length > LABEL_SHARE * cells.length)) return false;
  return !isPageNumbers(columns[width - 1]);
}

function isPageNumbers(cells: readonly string[]): boolean {
  if (cells.length < 3 || !cells.every((cell) => PAGE_NUMBER.test(cell))) return false;
  return cells.every((cell, index) => index === 0 || Number(cell) >= Number(cells[index - 1]));
}
