import { markdownTable, withoutEmptyColumns } from './markdown-table';

/** A sheet's cells as displayed, by row and column; rows and cells may be missing (sparse). */
export type SheetGrid = readonly (readonly (string | undefined)[] | undefined)[];

/**
 * A sheet as Markdown under its name: runs of rows between blank rows are blocks; a block of two or more columns is
 * a table whose first row is its header, after any leading one-cell rows (a title over the table, often a merged
 * cell), which stay lines of their own. A title that only repeats the sheet's name is not written twice.
 * Columns empty in a whole block are left out, so a stray far-away cell cannot blow a table up.
 */
export function sheetMarkdown(name: string, grid: SheetGrid): string {
  const parts = name.trim() ? [`## ${name.trim()}`] : [];
  for (const block of blocksOf(grid)) {
    const rows = withoutEmptyColumns(block);
    let titles = 0;
    const columns = rows.reduce((widest, row) => Math.max(widest, filledCount(row)), 0);
    if (columns >= 2) while (filledCount(rows[titles]) === 1) titles++;
    const lines = rows.slice(0, columns >= 2 ? titles : rows.length).map((row) => row.filter(Boolean).join(' '));
    parts.push(...lines.filter((line) => line.trim().toLowerCase() !== name.trim().toLowerCase()));
    if (columns >= 2) parts.push(markdownTable(rows.slice(titles)));
  }
  return parts.join('\n\n');
}

/** Runs of consecutive rows with at least one non-blank cell. */
function blocksOf(grid: SheetGrid): string[][][] {
  const blocks: string[][][] = [];
  let block: string[][] = [];
  for (let r = 0; r < grid.length; r++) {
    const row = Array.from(grid[r] ?? [], (cell) => cell?.trim() ?? '');
    if (row.some(Boolean)) {
      block.push(row);
      continue;
    }
    if (block.length > 0) blocks.push(block);
    block = [];
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

function filledCount(row: readonly string[]): number {
  return row.filter(Boolean).length;
}
