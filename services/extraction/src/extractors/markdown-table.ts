/**
 * Rows of cell texts as a GitHub-flavoured Markdown table, the first row as its header: a row then reads with the
 * names of its columns, and indexing's chunker can repeat the header with every piece of a long table.
 * Cells are one line each (a pipe escaped, line breaks as spaces); short rows are padded to the widest.
 */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (width === 0) return '';
  const line = (row: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, column) => cellText(row[column] ?? '')).join(' | ')} |`.replace(/ {2,}\|/g, ' |');
  const [header, ...body] = rows;
  return [line(header), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}

function cellText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}
