/**
 * Rows of cell texts as a GitHub-flavoured Markdown table, the first row as its header: a row then reads with the
 * names of its columns, and indexing's chunker can repeat the header with every piece of a long table.
 * Cells are one line each (a pipe escaped, line breaks as spaces); short rows are padded to the widest.
 */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  // A reduce, not Math.max(...): a sheet of a million rows would overflow the call's arguments.
  const width = rows.reduce((widest, row) => Math.max(widest, row.length), 0);
  if (width === 0) return '';
  const line = (row: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, column) => cellText(row[column] ?? '')).join(' | ')} |`.replace(/ {2,}\|/g, ' |');
  const [header, ...body] = rows;
  return [line(header), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}

/** The rows without the columns that are blank in every row: a spacer column or a stray far-away cell is no column to read. */
export function withoutEmptyColumns(rows: readonly (readonly string[])[]): string[][] {
  const used = new Set<number>();
  for (const row of rows) row.forEach((cell, column) => cell.trim() && used.add(column));
  const columns = [...used].sort((a, b) => a - b);
  return rows.map((row) => columns.map((column) => row[column] ?? ''));
}

function cellText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}
