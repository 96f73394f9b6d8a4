// Extraction writes tables as GitHub-style Markdown: a header row, a `| --- |` separator under it, a line per row.
const ROW = /^\|.*\|$/;
const SEPARATOR = /^\|(?:\s*:?-{3,}:?\s*\|)+$/;

/** A table row as a character range of the text, without its outer pipes, and what it says. */
export interface TableRow {
  start: number;
  end: number;
  /** The row read with its column names (`Item: Desk; Price: 120`), or its cells alone when the header is not in the text. */
  reading: string;
}

/**
 * The Markdown table lines of a text by the offset their line starts at: a row as a span without its outer pipes,
 * read with its table's column names (`Item: Desk; Price: 120`) when the header is in the text; null for a header
 * row, a separator or an empty row, which say nothing by themselves. Indexing repeats a table's header in every
 * chunk of it, so a passage's rows have theirs.
 */
export function tableRows(text: string): Map<number, TableRow | null> {
  const found = new Map<number, TableRow | null>();
  const lines = linesOf(text);
  let header: string[] | null = null;
  lines.forEach((line, i) => {
    const content = line.text.trim();
    if (!ROW.test(content)) {
      header = null;
      return;
    }
    if (SEPARATOR.test(content)) {
      found.set(line.start, null);
      return;
    }
    if (SEPARATOR.test(lines[i + 1]?.text.trim() ?? '')) {
      header = cellsOf(content);
      found.set(line.start, null);
      return;
    }
    found.set(line.start, rowSpan(line, cellsOf(content), header));
  });
  return found;
}

/** The text with every table separator line blanked (same length, so offsets hold): a snippet shows rows, not rules. */
export function withoutTableRules(text: string): string {
  return text.replace(/^[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$/gm, (rule) => ' '.repeat(rule.length));
}

function rowSpan(line: { start: number; text: string }, cells: string[], header: string[] | null): TableRow | null {
  if (!cells.some((cell) => /[\p{L}\p{N}]/u.test(cell))) return null;
  const opening = line.text.indexOf('|') + 1;
  const closing = line.text.lastIndexOf('|');
  let start = line.start + opening;
  let end = line.start + closing;
  while (start < end && /\s/.test(line.text[start - line.start])) start++;
  while (end > start && /\s/.test(line.text[end - 1 - line.start])) end--;
  const reading = cells
    .map((cell, i) => (header?.[i] && cell ? `${header[i]}: ${cell}` : cell))
    .filter(Boolean)
    .join('; ');
  return { start, end, reading };
}

/** A row's cells, split at pipes that are not escaped, the escapes undone. */
function cellsOf(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.replace(/\\\|/g, '|').trim());
}

function linesOf(text: string): { start: number; text: string }[] {
  let start = 0;
  return text.split('\n').map((line) => {
    const at = start;
    start += line.length + 1;
    return { start: at, text: line };
  });
}
