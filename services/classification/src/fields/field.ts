import type { Entity, ExtractedText } from '@docpipe/contracts';
import { SUMMARY_LABEL, TABLE_HEADER_WORDS } from './labels';

/**
 * A field's value, the span of the page text it was read from (offsets into that page's text) and how
 * sure the extractor is (0..1): a value after its own label is surer than the first date of a page.
 */
export interface Field {
  value: string;
  page: number | null;
  start: number | null;
  end: number | null;
  confidence: number;
}

export type Fields = Record<string, Field>;

export interface FieldSource {
  document: ExtractedText;
  /** Extraction's entities, completed with the shared detector where extraction found none. */
  entities: readonly Entity[];
  /** Money entities and bare amounts with two decimals (`529,87` in an invoice table). */
  amounts: readonly Entity[];
  lines: readonly Line[];
}

export type FieldExtractor = (source: FieldSource) => Fields;

export interface Line {
  page: number;
  start: number;
  end: number;
  text: string;
  /** A Markdown table's row: where its cells are, and which table it belongs to. */
  row?: TableRow;
}

export interface TableRow {
  /** Each cell's offsets in the page's text, between its pipes. */
  cells: readonly { start: number; end: number }[];
  /** The header row: the one above the `| --- |` separator, the names of the columns. */
  header: boolean;
  /** Where the table starts in the page's text: rows of one table share it. */
  table: number;
}

/**
 * Every non-blank line with its offsets in its page's text, read past its Markdown markup (extraction writes headings,
 * list items and tables as Markdown): a heading's `#`s and a table row's leading pipe are skipped (the offsets move
 * with them), the pipes between a row's cells read as spaces (a pipe elsewhere is the text's own), and a table's `| --- |` separator is no line at all.
 */
export function linesOf(document: ExtractedText): Line[] {
  return document.pages.flatMap((page) => {
    const lines: Line[] = [];
    const raws = page.text.split('\n');
    let start = 0;
    let table = -1;
    for (const [at, raw] of raws.entries()) {
      const row = TABLE_ROW.test(raw);
      if (!row) table = -1;
      else if (table < 0) table = start;
      const markup = row ? /^\|[ \t]*/.exec(raw)![0].length : (HEADING_MARKUP.exec(raw)?.[0].length ?? 0);
      // Same length as the raw text, so a value's offsets stay those of the page text.
      const text = row ? raw.slice(markup).replace(CELL_PIPE, ' ') : raw.slice(markup);
      if (text.trim() && !TABLE_SEPARATOR.test(raw)) {
        const line: Line = { page: page.number, start: start + markup, end: start + raw.length, text };
        if (row) line.row = { cells: cellsOf(raw, start), header: TABLE_SEPARATOR.test(raws[at + 1] ?? ''), table };
        lines.push(line);
      }
      start += raw.length + 1;
    }
    return lines;
  });
}

/** The offsets (from `start`, the row's own) of a Markdown table row's cells, between its unescaped pipes. */
function cellsOf(raw: string, start: number): TableRow['cells'] {
  const pipes = [...raw.matchAll(CELL_PIPE)].map((pipe) => pipe.index!);
  return pipes.slice(1).map((pipe, i) => ({ start: start + pipes[i] + 1, end: start + pipe }));
}

const HEADING_MARKUP = /^#{1,6}[ \t]+/;
const TABLE_ROW = /^\|.*\|$/;
const CELL_PIPE = /(?<!\\)\|/g;
const TABLE_SEPARATOR = /^\|(?:\s*:?-{3,}:?\s*\|)+$/;

export const fromEntity = (entity: Entity, confidence: number): Field => ({
  value: entity.value,
  page: entity.page,
  start: entity.start,
  end: entity.end,
  confidence,
});

/** A piece of a line as a field, trimmed of blanks and trailing punctuation, offsets adjusted. */
export function spanOf(line: Line, from: number, to = line.text.length, confidence = 0.5): Field | undefined {
  const raw = line.text.slice(from, to);
  const leading = raw.length - raw.trimStart().length;
  const value = raw.trim().replace(/[\s,;:.]+$/, '');
  if (!value) return undefined;
  const start = line.start + from + leading;
  return { value, page: line.page, start, end: start + value.length, confidence };
}

export const rated = (field: Field | undefined, confidence: number): Field | undefined => field && { ...field, confidence };

export const entitiesOn = (entities: readonly Entity[], line: Line, kind: Entity['kind']): Entity[] =>
  entities.filter((entity) => entity.kind === kind && entity.page === line.page && entity.start >= line.start && entity.end <= line.end);

/**
 * The value written after a label (`Invoice date: 12.03.2024`, `From  Acme Ltd`), on the label's line
 * or, when the label stands alone, on the next line.
 */
export function labelledValue(lines: readonly Line[], label: RegExp): { field: Field; line: Line } | undefined {
  for (const [i, line] of lines.entries()) {
    const match = label.exec(line.text);
    if (!match) continue;
    const after = match.index + match[0].length;
    const separator = /^\s*[:#-]?\s*/.exec(line.text.slice(after))![0].length;
    const inline = spanOf(line, after + separator);
    if (inline) return { field: inline, line };
    const next = lines[i + 1];
    const below = next ? spanOf(next, 0) : undefined;
    if (below && next) return { field: below, line: next };
  }
  return undefined;
}

/**
 * The entity of a kind written after a matching label on its line, or else on the next line; labels
 * are tried best first (`amount due` before `total`), lines from the end when totals are sought.
 * `pick` chooses among the entities on that line (the first by default).
 */
export function entityAfterLabel(
  source: FieldSource,
  kind: Entity['kind'],
  labels: readonly RegExp[],
  order: 'first' | 'last' = 'first',
  pool: readonly Entity[] = source.entities,
  pick: (found: Entity[]) => Entity | undefined = (found) => found[0],
): Entity | undefined {
  const indices = [...source.lines.keys()];
  if (order === 'last') indices.reverse();
  for (const label of labels) {
    for (const i of indices) {
      const line = source.lines[i];
      const match = label.exec(line.text);
      if (!match) continue;
      const labelEnd = line.start + match.index + match[0].length;
      const onLine = entitiesOn(pool, line, kind).filter((entity) => entity.start >= labelEnd);
      const found = onLine.length > 0 ? pick(onLine) : valueBelow(source.lines, i, match, pool, kind, pick);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The value of a label with none after it on its line: below a label that stands alone; in a row of
 * values below a row of labels (`Invoice Date: Due Date: Incoterm:` / `21/09/2022 21/10/2022 DAP`,
 * `Subtotal Descuento I.V.A Total` / `14,049.59 2,950.41 17,000.00`) the one in the label's place.
 */
function valueBelow(
  lines: readonly Line[],
  at: number,
  match: RegExpExecArray,
  pool: readonly Entity[],
  kind: Entity['kind'],
  pick: (found: Entity[]) => Entity | undefined,
): Entity | undefined {
  const line = lines[at];
  // An item table's header (`Pos. Bezeichnung Menge Gesamt €`) sits above the items, not above the totals.
  // `Base amount: Tax amount: Total:` is a summary's header, not an item table's: its `amount`s name the figures below.
  const headerWords = (line.text.match(TABLE_HEADER_WORDS) ?? []).filter((word) => !/^(?:amount|montant|bedrag|importe)$/i.test(word));
  const itemHeader = kind === 'money' && headerWords.length >= 2;
  const inColumn = line.row?.header && !itemHeader ? valueInColumn(lines, at, match, pool, kind, pick) : undefined;
  if (inColumn) return inColumn;
  if (standsAlone(line, match)) return pick(belowLabel(lines, at, pool, kind));
  if (itemHeader) return undefined;
  const rows = lines
    .slice(at + 1, at + 5)
    .map((next) => entitiesOn(pool, next, kind))
    .filter((found) => found.length >= 2);
  const [before, after] = [line.text.slice(0, match.index), line.text.slice(match.index + match[0].length)];
  const place = (row: Entity[]) =>
    !/\p{L}/u.test(before)
      ? row[0]
      : !/\p{L}/u.test(after)
        ? row.at(-1)
        : /:/.test(line.text)
          ? row[before.split(':').length - 1]
          : kind === 'money'
            ? inRank(line.text, match.index, row)
            : undefined;
  // Each row below (a rate's, then the sum's) has a value in the label's place; `pick` chooses among them.
  const inPlace = pick(rows.map(place).filter((found): found is Entity => found !== undefined));
  // A date's label in a row whose values are not all dates (`Invoice Date` / `21/09/2022`) takes the first below, as before.
  return inPlace ?? (kind === 'money' ? undefined : pick(belowLabel(lines, at, pool, kind)));
}

/**
 * A label in a table's header names its column: its values are in that column's cells in the rows below, however many
 * cells a row leaves empty (`| Nettobetrag | MwSt-Betrag | Endbetrag |` over a rate's row and the sum's row). In each
 * row the last value in the cell (a rate may stand before the amount); `pick` chooses among the rows.
 */
function valueInColumn(
  lines: readonly Line[],
  at: number,
  match: RegExpExecArray,
  pool: readonly Entity[],
  kind: Entity['kind'],
  pick: (found: Entity[]) => Entity | undefined,
): Entity | undefined {
  const { row, start, page } = lines[at];
  const [from, to] = [start + match.index, start + match.index + match[0].length];
  // A label read across two cells (`Total | Tax`) names neither column.
  const column = row!.cells.findIndex((cell) => cell.start <= from && to <= cell.end);
  if (column < 0) return undefined;
  const found: Entity[] = [];
  for (const next of lines.slice(at + 1)) {
    if (next.page !== page || next.row?.table !== row!.table) break;
    const cell = next.row.cells[column];
    const inCell = pool.filter(
      (entity) => cell && entity.kind === kind && entity.page === page && entity.start >= cell.start && entity.end <= cell.end,
    );
    if (inCell.length > 0) found.push(inCell.at(-1)!);
  }
  return pick(found);
}

/**
 * `Net amount VAT amount Total` / `522.31 109.69 632.00`: a row of summary labels above as many amounts, each amount
 * under the label of its rank.
 */
function inRank(text: string, at: number, row: Entity[]): Entity | undefined {
  const labels = [...text.matchAll(SUMMARY_LABEL)].filter((found) => found[0].trim() !== '');
  if (labels.length < 2 || labels.length !== row.length) return undefined;
  const rank = labels.findIndex((found) => found.index! <= at && at < found.index! + found[0].length);
  return rank >= 0 ? row[rank] : undefined;
}

/**
 * An amount's label whose value may be printed below it stands alone on its line (`TOTAL`, `Rechnungsbetrag
 * (EUR)`): below a table header (`Pos. Bezeichnung Menge Gesamt €`) come the first item's amounts.
 */
function standsAlone(line: Line, match: RegExpExecArray): boolean {
  // What the label says in brackets qualifies it: `TOTAL SALES (INCLUSIVE OF GST)` stands alone.
  const rest = `${line.text.slice(0, match.index)} ${line.text.slice(match.index + match[0].length)}`.replace(/\([^)]*\)?/g, ' ');
  return (rest.match(/\p{L}{2,}/gu) ?? []).filter((word) => !/^[A-Z]{3}$/.test(word)).length <= 1;
}

/**
 * The entities on the line below a label; a line between that holds no word (`:`, `RM`, a rule) is
 * skipped, as receipts print `TOTAL`, then `:`, then the amount.
 */
function belowLabel(lines: readonly Line[], at: number, pool: readonly Entity[], kind: Entity['kind']): Entity[] {
  for (const line of lines.slice(at + 1, at + 3)) {
    const found = entitiesOn(pool, line, kind);
    if (found.length > 0 || /\p{L}{4}/u.test(line.text)) return found;
  }
  return [];
}

export function firstOf(entities: readonly Entity[], kind: Entity['kind']): Entity | undefined {
  return entities.find((entity) => entity.kind === kind);
}

/** Keeps the fields that were found. */
export function compact(fields: Record<string, Field | undefined>): Fields {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, Field] => entry[1] !== undefined));
}
