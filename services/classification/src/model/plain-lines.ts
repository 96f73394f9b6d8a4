/** A Markdown table's rule row (`| --- | :---: |`): markup, not a line of the document. */
const TABLE_RULE = /^\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\|?$/;
const TABLE_ROW = /^\|.*\|$/;
const HEADING_MARK = /^#{1,6}\s+/;

/**
 * The non-empty lines of a text without the Markdown extraction writes around aligned tables and headings: a table
 * row becomes its cells separated by spaces, as a text layer without table detection gives it, and a rule row goes.
 * Otherwise the pipes hide the amount a row ends in and count as words, and a document's shape would say how its
 * tables were extracted (tables of PDFs as Markdown, scans and plain text without) rather than what it is.
 */
export function plainLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !TABLE_RULE.test(line))
    .map((line) => (TABLE_ROW.test(line) ? cells(line).join(' ') : line.replace(HEADING_MARK, '')))
    .filter(Boolean);
}

function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim())
    .filter(Boolean);
}
