import { matchesOf, type EntityMatch } from './entity-match';

// No library knows invoice-number labels. "Invoice No. 2024-031", "Rechnungsnummer: 471102", "Facture n° F2024/12",
// "Factuurnummer 2020001", "Número de factura: A-17", "N° de facture : 12", "Bill number 778".
const LABEL =
  '(?:(?:invoice|inv|bill|receipt|rechnung|rechnungs|beleg|facture|factura|factuur|fattura|credit\\s+note|gutschrift|avoir)(?:[ \\t]*\\(\\d+\\))?[ \\t]*(?:no\\.?|number|nummer|nr\\.?|num\\.?|n[°º]\\.?|n[uú]mero|#|id)' +
  '|(?:n[°º]|num[ée]ro|n[uú]mero|number|nummer)[ \\t]+(?:de[ \\t]+)?(?:la[ \\t]+)?(?:facture|factura|invoice|factuur|rechnung)' +
  '|rechnungsnummer|factuurnummer|belegnummer)';
const LABELLED = new RegExp(
  `(?<![\\p{L}])\\p{L}*?${LABEL}[ \\t]*[:#.]?[ \\t]*(?:\\n[ \\t]*)?([A-Z0-9](?:[A-Z0-9]|[-/._](?=[A-Z0-9])){2,29})(?![\\p{L}\\p{N}])`,
  'giu',
);
// A title followed by the id alone: "Facture FA-2017-0010", "Rechnung R-2024-17".
const TITLED =
  /^[ \t]*(?:invoice|rechnung|facture|factura|factuur|fattura|gutschrift|avoir|credit\s+note)[ \t]+([A-Z0-9](?:[A-Z0-9]|[-/._](?=[A-Z0-9])){2,29})[ \t]*$/gimu;
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$/;
// Self-describing ids without a label: INV-2024-001, RE-24-1187, INV20240017.
const PREFIXED = /(?<![\p{L}\p{N}-])(?:INV|RE|RG|FAC|BILL)[-/]?\d[\d/-]{2,20}\d(?![\p{L}\p{N}])/gu;

/** Invoice numbers: the id after an invoice-number label, or an id with an invoice prefix; the value is the id. */
export function findInvoiceNumbers(text: string): EntityMatch[] {
  const labelled = [...matchesOf(LABELLED, text), ...matchesOf(TITLED, text)]
    .filter((match) => /\d/.test(match[1]) && !DATE_LIKE.test(match[1]))
    .map((match) => {
      const start = match.index + match[0].length - match[1].length;
      return { kind: 'invoice-number' as const, text: match[1], value: match[1].toUpperCase(), start, end: start + match[1].length };
    });
  const prefixed = [...matchesOf(PREFIXED, text)].map((match) => ({
    kind: 'invoice-number' as const,
    text: match[0],
    value: match[0].toUpperCase(),
    start: match.index,
    end: match.index + match[0].length,
  }));
  return [...labelled, ...prefixed];
}
