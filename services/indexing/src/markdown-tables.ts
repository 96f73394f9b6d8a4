/** A Markdown table as extraction writes it: its header row with the separator under it, then a line per row. */
export interface TableBlock {
  kind: 'table';
  /** The header row and the `| --- |` separator, two lines. */
  header: string;
  rows: string[];
}

const ROW = /^\|.*\|$/;
const SEPARATOR = /^\|(?:\s*:?-{3,}:?\s*\|)+$/;

/** Whether the table's header starts at `lines[at]`: a row directly above a separator. */
export function tableStartsAt(lines: readonly string[], at: number): boolean {
  return ROW.test(lines[at]) && SEPARATOR.test(lines[at + 1] ?? '');
}

/** The table that starts at `lines[at]` (tableStartsAt), and the index of the first line after it. */
export function readTable(lines: readonly string[], at: number): { table: TableBlock; next: number } {
  let next = at + 2;
  while (next < lines.length && ROW.test(lines[next]) && !tableStartsAt(lines, next)) next++;
  return { table: { kind: 'table', header: `${lines[at]}\n${lines[at + 1]}`, rows: lines.slice(at + 2, next) }, next };
}

/**
 * A table as pieces of at most `limit` characters, whole rows each, every piece starting with the table's header so a
 * row is read (and embedded) with the names of its columns. A header longer than half a piece is not repeated (it would
 * crowd out the rows): it opens the first piece only. A row longer than a piece is cut between words, each part after
 * the header.
 */
export function tablePieces(table: TableBlock, limit: number): string[] {
  const repeated = table.header.length <= limit / 2;
  const head = repeated ? `${table.header}\n` : '';
  const rows = repeated ? table.rows : [table.header, ...table.rows];
  const room = limit - head.length;
  const pieces: string[] = [];
  let body = '';
  const close = () => {
    if (body !== '' || pieces.length === 0) pieces.push(`${head}${body}`.trimEnd());
    body = '';
  };
  for (const row of rows.flatMap((row) => (row.length <= room ? [row] : wordRuns(row, room)))) {
    if (body !== '' && body.length + 1 + row.length > room) close();
    body = body === '' ? row : `${body}\n${row}`;
  }
  close();
  return pieces;
}

/** A text longer than `limit` as runs of whole words, a word longer than the limit cut where it must be. */
export function wordRuns(text: string, limit: number): string[] {
  const runs: string[] = [];
  let run = '';
  for (const word of text.split(' ')) {
    for (let start = 0; start < word.length; start += limit) {
      const part = word.slice(start, start + limit);
      if (run !== '' && run.length + 1 + part.length > limit) {
        runs.push(run);
        run = '';
      }
      run = run === '' ? part : `${run} ${part}`;
    }
  }
  if (run !== '') runs.push(run);
  return runs;
}
