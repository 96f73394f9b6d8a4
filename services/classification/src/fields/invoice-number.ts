import type { Entity } from '@docpipe/contracts';
import { entitiesOn, firstOf, fromEntity, type Field, type FieldSource, type Line } from './field';

// The id as the shared detector reads it: letters, digits and inner separators, with a digit somewhere.
const ID = '[A-Z0-9](?:[A-Z0-9]|[-/._](?=[A-Z0-9])){0,29}';
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$/;

/**
 * A number word opening a line in an invoice's header (`Nº: 0001-00000123`, `Número: 778812`, `No. 2207`):
 * the invoice's own number when nothing more specific names one. What follows the id is the line's end or
 * the next label (`Fecha: …`), so `No. 5 Main Street` is an address.
 */
const BARE_LABEL = new RegExp(
  `^\\s*(?:n[°º]|no\\.|nr\\.|n[uú]mero|num[ée]ro|nummer|number|#)\\s*[:.]?\\s*(${ID})(?=\\s*$|\\s+\\p{L}[\\p{L} .]{0,30}:)`,
  'iu',
);

/**
 * On an invoice the document's own number is the invoice's (`Document No.: INV-9`, `Numero documento: 2024/45`,
 * `Número de documento: A-12`, `Dokumentnummer 4711`). The shared detector leaves that label alone, as the
 * numbers of contracts, orders and statements carry it too.
 */
const DOCUMENT_NUMBER = new RegExp(
  `(?<![\\p{L}])(?:doc(?:ument)?\\.?[ \\t]*(?:no\\b\\.?|nr\\b\\.?|number|n[°º]|#)|(?:n[°º.]?|num[ée]ro|n[uú]mero|numero|nummer)[ \\t]*(?:de[ \\t]+|del[ \\t]+)?(?:documento|document)|dokumentnummer|documentnummer)[ \\t]*[:.#]?[ \\t]*(${ID})(?![\\p{L}\\p{N}])`,
  'iu',
);

/** Invoice-number labels in a row of column labels (`Rechnungsnummer Rechnungsdatum`, `date facture n° client n°`). */
const NUMBER_COLUMN =
  /(?:invoice|rechnungs?|facture|factura|factuur)[\s.-]*(?:no\b\.?|nr\b\.?|n[°º]|number|nummer|#)|rechnungsnummer|factuurnummer|n[°º]\s*(?:de\s+)?(?:la\s+)?(?:facture|factura)|num[ée]ro\s+de\s+facture|n[uú]mero\s+de\s+factura/giu;
/** The other labels such a row holds: dates, the customer's, order's and page's numbers, references. */
const OTHER_COLUMN =
  /(?:(?:client|customer|kunden|klant(?:en)?|cliente|order|bestell|auftrags|commande|pedido|account|page|seite|pagina|p[aá]gina)[\s.-]*(?:no\b\.?|nr\b\.?|n[°º]|number|nummer|#|id\b)?|n[°º]\s*(?:de\s+)?(?:client|page|commande|pedido|cliente)|(?:[\p{L}]+)?(?:datum|date|fecha)|date\s+d['’]\p{L}+|[ée]ch[ée]ance|reference|referenz|r[ée]f[ée]rence|referencia|kenmerk)/giu;

/**
 * The invoice's number: the first the entity detector found (after an invoice-number label, in the
 * title, with an invoice prefix); else the id after a document-number label; else the id in the label's place below a row of column labels; else
 * the id after a bare number word at the start of a header line.
 */
export function invoiceNumber(source: FieldSource): Field | undefined {
  const found = firstOf(source.entities, 'invoice-number');
  if (found) return fromEntity(found, 0.85);
  return (
    numberAfterDocumentLabel(source.lines) ??
    numberBelowLabels(source) ??
    numberAfterBareLabel(source.lines) ??
    numberAboveCaption(source.lines) ??
    numberInValueColumn(source)
  );
}

function numberAfterDocumentLabel(lines: readonly Line[]): Field | undefined {
  for (const line of lines) {
    const match = DOCUMENT_NUMBER.exec(line.text);
    if (!match || !/\d/.test(match[1]) || DATE_LIKE.test(match[1])) continue;
    const start = line.start + match.index + match[0].length - match[1].length;
    return { value: match[1].toUpperCase(), page: line.page, start, end: start + match[1].length, confidence: 0.6 };
  }
  return undefined;
}

// A line that is an invoice-number label and nothing else (`Invoice number`, `Rechnungsnummer:`).
const LABEL_ALONE = new RegExp(`^\\s*(?:${NUMBER_COLUMN.source})[\\s:#.]*$`, 'iu');

/** `INV-0042` over `Invoice number`: a layout that prints the value large with its label as a caption below it. */
function numberAboveCaption(lines: readonly Line[]): Field | undefined {
  for (const [i, line] of lines.entries()) {
    const above = lines[i - 1];
    if (!above || above.page !== line.page || !LABEL_ALONE.test(line.text)) continue;
    const id = LONE_ID.exec(above.text)?.[1];
    if (!id || !/\d/.test(id) || DATE_LIKE.test(id) || AMOUNT_LIKE.test(id)) continue;
    const start = above.start + above.text.indexOf(id);
    return { value: id.toUpperCase(), page: above.page, start, end: start + id.length, confidence: 0.5 };
  }
  return undefined;
}

// A label that closes its line with no value after it (`FACTURE N° :`, `Invoice No.`).
const LABEL_WITHOUT_VALUE = new RegExp(`(?:${NUMBER_COLUMN.source})[\\s:#.]*$`, 'iu');
// An id standing alone on its line: letters and digits with inner separators, a digit in it, four characters at least.
const LONE_ID = /^\s*([A-Z0-9](?:[A-Z0-9]|[-/._](?=[A-Z0-9])){3,29})\s*$/i;
const AMOUNT_LIKE = /^\d{1,3}(?:[.,' ]\d{3})*[.,]\d{2}$/;

/**
 * The number printed apart from its label: a PDF whose header is a column of labels beside a column of values
 * comes out as the labels (`FACTURE N° :`, `Date :`) in one place and the values (`F20180027` / `31/12/2018`)
 * in another. When a number label has no value, the id standing alone on the line above the lone date of such
 * a value column is the number; only when the document has exactly one such pair.
 */
function numberInValueColumn(source: FieldSource): Field | undefined {
  const { lines, entities } = source;
  if (!lines.some((line) => LABEL_WITHOUT_VALUE.test(line.text))) return undefined;
  const loneDate = (line: Line) => {
    const dates = entitiesOn(entities, line, 'date');
    return dates.length === 1 && line.text.trim() === dates[0].text.trim();
  };
  const pairs = lines.flatMap((line, i) => {
    const id = LONE_ID.exec(line.text)?.[1];
    const below = lines[i + 1];
    if (!id || !/\d/.test(id) || DATE_LIKE.test(id) || AMOUNT_LIKE.test(id) || !below || below.page !== line.page || !loneDate(below))
      return [];
    const start = line.start + line.text.indexOf(id);
    return [{ value: id.toUpperCase(), page: line.page, start, end: start + id.length, confidence: 0.4 }];
  });
  return pairs.length === 1 ? pairs[0] : undefined;
}

function numberAfterBareLabel(lines: readonly Line[]): Field | undefined {
  for (const line of lines.slice(0, 30)) {
    const match = BARE_LABEL.exec(line.text);
    if (!match || !/\d/.test(match[1]) || DATE_LIKE.test(match[1])) continue;
    const start = line.start + match.index + match[0].length - match[1].length;
    return { value: match[1].toUpperCase(), page: line.page, start, end: start + match[1].length, confidence: 0.6 };
  }
  return undefined;
}

/**
 * A row of labels with the row of their values below it: the values are counted in reading order (a
 * date, however it is spaced, is one), and the number is the one in its label's place when the rows
 * have as many labels as values, or when its label comes first or last.
 */
function numberBelowLabels(source: FieldSource): Field | undefined {
  const { lines } = source;
  for (const [i, line] of lines.slice(0, 40).entries()) {
    const numberLabel = [...line.text.matchAll(NUMBER_COLUMN)][0];
    const below = lines[i + 1];
    if (!numberLabel || /\d/.test(line.text.replace(/n[°º]/giu, '')) || !below || below.page !== line.page) continue;
    const labels = columnLabels(line.text);
    const values = valuesOf(below, source.entities);
    const at = labels.indexOf(numberLabel.index!);
    const value =
      labels.length === values.length ? values[at] : at === 0 ? values[0] : at === labels.length - 1 ? values.at(-1) : undefined;
    if (!value || !/\d/.test(value.text) || DATE_LIKE.test(value.text)) continue;
    const start = below.start + value.at;
    return { value: value.text.toUpperCase(), page: below.page, start, end: start + value.text.length, confidence: 0.6 };
  }
  return undefined;
}

/** The start of each label of a row, in reading order; the other labels are read around the invoice-number ones. */
function columnLabels(text: string): number[] {
  const numbers = [...text.matchAll(NUMBER_COLUMN)].map((match) => match.index!);
  const rest = text.replace(NUMBER_COLUMN, (label) => ' '.repeat(label.length));
  const others = [...rest.matchAll(OTHER_COLUMN)].filter((match) => match[0].trim()).map((match) => match.index!);
  return [...numbers, ...others].sort((a, b) => a - b);
}

/** The values of a row: each date entity is one, every other blank-separated token another. */
function valuesOf(line: Line, entities: readonly Entity[]): { text: string; at: number }[] {
  const dates = entitiesOn(entities, line, 'date').map((date) => ({ text: date.text, at: date.start - line.start }));
  const tokens = [...line.text.matchAll(/\S+/g)]
    .map((token) => ({ text: token[0], at: token.index! }))
    .filter((token) => !dates.some((date) => token.at < date.at + date.text.length && date.at < token.at + token.text.length));
  return [...dates, ...tokens].sort((a, b) => a.at - b.at);
}
