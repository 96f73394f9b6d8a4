import { matchesOf, type EntityMatch } from './entity-match';

// No library knows invoice-number labels. "Invoice No. 2024-031", "Rechnungs-Nr.: 471102", "Facture n° F2024/12",
// "Factuurnummer 2020001", "Número de factura: A-17", "N° de facture : 12", "Fattura n. 12/2024", "Bill number 778",
// "Comp. Nro: 00000128", "Receipt # No.: 9876", "Nro. de factura: 123", "N. fattura 45", "Faktura č. 1989".
const DOCUMENT =
  '(?:invoice|inv|bill|receipt|rechnung|rechnungs|beleg|facture|factura|factuur|fattura|faktura|credit\\s+note|gutschrift|avoir)';
const NUMBER_WORD = '(?:no\\.?|number|nummer|nr\\.?|nro\\.?|num\\.?|n[°º]\\.?|n\\.|n[uú]mero|num[ée]ro|č\\.|#|id)';
const LABEL =
  `(?:${DOCUMENT}(?:[ \\t]*\\(\\d+\\))?[ \\t.-]*${NUMBER_WORD}(?:[ \\t]*${NUMBER_WORD})?` +
  '|(?:n[°º]|num[ée]ro|n[uú]mero|number|nummer|numero|n[uú]m\\.|nro\\.?|no\\.|nr\\.|n\\.)[ \\t]*(?:de[ \\t]+)?(?:la[ \\t]+)?(?:facture|factura|invoice|factuur|rechnung|fattura|fra\\.)' +
  '|(?:r[ée]f[ée]rence|r[ée]f\\.)[ \\t]+(?:de[ \\t]+)?(?:la[ \\t]+)?facture|invoice[ \\t]+ref(?:erence)?\\.?' +
  '|rechnungsnummer|rechnungsnr\\.?|factuurnummer|factuurnr\\.?|notanummer|notanr\\.?|belegnummer|comp(?:robante)?\\.?[ \\t]*n(?:ro|[°º])\\.?)';
// Abbreviated document words, each closed by its dot or hyphen (`Re.-Nr.`, `RG-Nr.`, `Rechn.-Nr.`, `Fact. nr.`, `Fra. nº`):
// read apart from LABEL, as no letters may come before them (`Ihre Nr.` is the customer's reference).
const ABBREVIATED = '(?:(?:re|rg|rechn|fact|fakt|fra)\\.[ \\t]?-?|(?:re|rg)-)[ \\t]?(?:nr|no|n[°º])\\.?';
// Inner separators: `-/._`, a comma between digits (`00,00,0001`, `1,234`) and the spaced hyphen of `0003 - 00003435`.
const JOIN = '[-/._](?=[A-Z0-9])|(?<=\\d),(?=\\d)|[ \\t]-[ \\t](?=\\d)';
// `Invoice no 2024 001`, `Factuurnr: F 2023 88`: a year and a running number printed apart, read as one id only when
// they close the line. Other spaced digits stay apart: in flattened columns the next group is often a phone number or
// a postcode, and a row's next value (`4711 12.03.2024`) must not join.
const YEAR = '(?:19|20)\\d{2}(?!\\d)';
const SPACED_GROUPS = `(?:(?:(?<=(?<![\\p{L}\\p{N}])${YEAR})|[ \\t]${YEAR})(?:[ \\t]\\d{2,}(?!\\d|[.,/:-]\\d))+(?=[ \\t]*(?:\\r?\\n|$)))?`;
// The id: letters, digits and inner separators (`01.234.567.8-2018-1`, `FA/2024/12`); the spaced hyphen of
// `0003 - 00003435` joins digit groups only.
const ID = `[A-Z0-9](?:[A-Z0-9]|${JOIN}){2,29}${SPACED_GROUPS}`;
// After its own label an id may be short (`Invoice #: 7`, `Factuurnummer: 77`), printed below it as `#12`, or in
// the next cell of a Markdown table row (`| Rechnungsnummer | 2024-0012 |`).
const SHORT_ID = `[A-Z0-9](?:[A-Z0-9]|${JOIN}){0,29}${SPACED_GROUPS}`;
const LABELLED = new RegExp(
  `(?<![\\p{L}])(?:\\p{L}*?${LABEL}|${ABBREVIATED})[ \\t]*[:#.]?[ \\t]*(?:\\|[ \\t]*|\\n[ \\t]*#?[ \\t]*)?(${SHORT_ID})(?![\\p{L}\\p{N}])`,
  'giu',
);
// A line's start, past the `#`s of a Markdown heading (extraction writes a PDF's large title lines as headings).
const LINE_START = '^[ \\t]*(?:#{1,6}[ \\t]+)?';
// A title line: "Facture FA-2017-0010", "Rechnung R-2024-17", or the number further on in it: "Gutschrift (Selbst
// ausgestellte Rechnung) (389) Nr. 471102 vom 05.03.2018", "Rechnung Nr. 42", "FACTURA\nNº 0003 - 00003435"; no colon
// between title and number, as "Invoice address: Main St. No. 5" is no invoice number.
const TITLED = new RegExp(
  `${LINE_START}(?:invoice|rechnung|facture|factura|factuur|fattura|gutschrift|avoir|credit\\s+note)[ \\t]+(${ID})[ \\t]*$`,
  'gimu',
);
// A title line that goes on to the invoice's date: "Invoice 2024-15 dated 01/02/2024", "Rechnung 4711 vom 3. März 2024".
const TITLED_DATED = new RegExp(
  `${LINE_START}(?:invoice|rechnung|facture|factura|factuur|fattura)[ \\t]+(${ID})[ \\t]+(?:of|dated|from|vom|du|del|de|van|dd\\.?)[ \\t]+\\d`,
  'gimu',
);
// The title word as the number's own label at a line's start: "INVOICE: INV-100", "Facture : FA-12" (not "Invoice address:").
const TITLE_AS_LABEL = new RegExp(
  `${LINE_START}(?:invoice|rechnung|facture|factura|factuur|fattura)[ \\t]*:[ \\t]*#?(${ID})(?![\\p{L}\\p{N}])`,
  'gimu',
);
// A title standing alone with the id alone on the line below it (a blank line may come between, as extraction
// separates a heading from what follows): "FACTURE\nFA-2024-12", "## Rechnung\n\n2024-0012".
const TITLE_ABOVE = new RegExp(
  `${LINE_START}(?:invoice|rechnung|facture|factura|factuur|fattura)[ \\t]*\\n(?:[ \\t]*\\n)?[ \\t]*#?[ \\t]*(${ID})[ \\t]*$`,
  'gimu',
);
// `1234.00` below a title is its amount.
const AMOUNT_LIKE = /^\d{1,3}(?:[.,']?\d{3})*[.,]\d{2}$/;
const TITLE_THEN_NUMBER = new RegExp(
  `${LINE_START}[\\p{L}-]*(?:invoice|rechnung|gutschrift|facture|factura|factuur|fattura|avoir)[\\p{L}-]*\\b[^\\n:]{0,60}?[ \\t\\n](?:no|nr|n[°º]|nummer|number|#)\\.?(?!\\p{L})[ \\t]*:?[ \\t]*(${SHORT_ID})(?![\\p{L}\\p{N}])`,
  'gimu',
);
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$/;
// Self-describing ids without a label: INV-2024-001, RE-24-1187, INV20240017.
const PREFIXED = /(?<![\p{L}\p{N}-])(?:INV|RE|RG|FAC|BILL)[-/]?\d[\d/-]{2,20}\d(?![\p{L}\p{N}])/gu;

/** Invoice numbers: the id after an invoice-number label, or an id with an invoice prefix; the value is the id without blanks. */
export function findInvoiceNumbers(text: string): EntityMatch[] {
  // A title followed by a date (`Rechnung 05.03.2018`) names no number; after a number label (`Invoice #2015-11-04`) it is one.
  const titled = [
    ...matchesOf(TITLED, text),
    ...matchesOf(TITLED_DATED, text),
    ...matchesOf(TITLE_AS_LABEL, text),
    ...matchesOf(TITLE_THEN_NUMBER, text),
    ...matchesOf(TITLE_ABOVE, text),
  ].filter((match) => !DATE_LIKE.test(match[1]) && !AMOUNT_LIKE.test(match[1]));
  const labelled = [...matchesOf(LABELLED, text), ...titled]
    .filter((match) => /\d/.test(match[1]))
    .map((match) => {
      const start = match.index + match[0].length - match[1].length;
      const value = match[1].replace(/\s+/g, '').toUpperCase();
      return { kind: 'invoice-number' as const, text: match[1], value, start, end: start + match[1].length };
    });
  const prefixed = [...matchesOf(PREFIXED, text)].map((match) => ({
    kind: 'invoice-number' as const,
    text: match[0],
    value: match[0].toUpperCase(),
    start: match.index,
    end: match.index + match[0].length,
  }));
  // A line can be read by more than one pattern: each span once.
  const unique = new Map([...labelled, ...prefixed].map((found) => [`${found.start}:${found.end}`, found]));
  return [...unique.values()].sort((a, b) => a.start - b.start);
}
