import { spanOf, type Field, type Line } from './field';
import { CUSTOMER_WORDS } from './labels';

// No kept library reads VAT numbers out of running text (jsvat-style validators take the number alone, and a made-up
// sample number fails them): the label and the EU/EFTA/UK shape find it, as printed.
const VAT_ID_LABEL =
  /\b(?:ust[.-]?\s?-?id(?:[.-]?\s?-?nr)?\.?|umsatzsteuer-?id(?:entifikations)?(?:nummer|nr)?\.?|vat[\s-]*(?:reg(?:istration)?\.?\s*)?(?:no|nr|number|id|n°)?\.?|(?:n°\s*)?tva(?:\s*intra(?:communautaire)?)?|btw(?:-?(?:nummer|nr|id))?\.?|p\.?\s?iva|partita\s+iva|nif(?:-iva)?|cif|tax\s+id)\s*[:.]?\s*/giu;
const VAT_ID =
  /^(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|GR|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|GB|XI|CH|NO)[ .-]?[0-9A-Z](?:[ .-]?[0-9A-Z]){7,13}(?![\p{L}\p{N}])/u;

/**
 * The issuer's VAT number (`USt-IdNr.: DE123456789`, `N° TVA : FR 32 123 456 789`, `BTW-nummer NL…B01`): the first one
 * after a VAT label on a line that is not the customer's (`N° TVA client`, `Ihre USt-IdNr.`, lines of the customer's block).
 */
export function vendorVatId(lines: readonly Line[], excluded: ReadonlySet<Line>): Field | undefined {
  for (const line of lines) {
    if (excluded.has(line) || CUSTOMER_WORDS.test(line.text)) continue;
    for (const label of line.text.matchAll(VAT_ID_LABEL)) {
      const from = label.index! + label[0].length;
      const id = VAT_ID.exec(line.text.slice(from));
      if (!id || (id[0].match(/\d/g) ?? []).length < 6) continue;
      const span = spanOf(line, from, from + id[0].length, 0.8);
      if (span) return { ...span, value: span.value.replace(/[ .-]/g, '').toUpperCase() };
    }
  }
  return undefined;
}
