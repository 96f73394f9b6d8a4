import { spanOf, type Field, type Line } from './field';
import { ADDRESS_LINE, CUSTOMER_WORDS } from './labels';
import { isNameText } from './names';

/**
 * Labels naming whom a payment goes to: the holder of the account the invoice asks to pay into is its issuer
 * (`Kontoinhaber: Schreinerei Holzwurm`, `IBAN NL91 ABNA 0417 1643 00 t.n.v. De Bakkerij`, `Titulaire du compte :`,
 * `Titular de la cuenta:`, `Make cheques payable to Acme Widgets`).
 */
const HOLDER_LABEL =
  /(?<![\p{L}])(?:kontoinhaber(?:in)?|account\s+(?:holder|name)|beneficiary(?:\s+name)?|beg[üu]nstigter|zahlungsempf[äa]nger|titulaire(?:\s+du\s+compte)?|rekeninghouder|t\.\s?n\.\s?v\.?|ten\s+name\s+van|op\s+naam\s+van|titular(?:\s+de\s+la\s+cuenta)?|beneficiario|payable\s+to)(?![\p{L}])\s*:?\s*/giu;
// Where the holder's name ends: a separator, the account's own details, a Dutch town (`t.n.v. X te Utrecht`), a clause.
const NAME_END =
  /\s*[,;|·•]\s|\s+[-–]\s|\s+(?:iban|bic|swift|blz|konto|rekening|bank|te(?=\s+\p{Lu})|onder|o\.v\.v\.|quoting|with|unter|sous|con)(?![\p{L}])/iu;

/**
 * The holder's name after a payee label, on its line or, when the label ends the line, on the next one. Never a
 * line of the customer's block, an address or a number.
 */
export function accountHolder(lines: readonly Line[], excluded: ReadonlySet<Line>): Field | undefined {
  for (const [i, line] of lines.entries()) {
    if (excluded.has(line)) continue;
    for (const label of line.text.matchAll(HOLDER_LABEL)) {
      const from = label.index! + label[0].length;
      const holder = from < line.text.trimEnd().length ? nameFrom(line, from) : nameFrom(lines[i + 1], 0);
      if (holder) return holder;
    }
  }
  return undefined;
}

function nameFrom(line: Line | undefined, from: number): Field | undefined {
  if (!line) return undefined;
  const rest = line.text.slice(from);
  const end = rest.search(NAME_END);
  const name = end >= 0 ? rest.slice(0, end) : rest;
  if (!isNameText(name) || ADDRESS_LINE.test(name) || CUSTOMER_WORDS.test(name) || /\d/.test(name)) return undefined;
  return spanOf(line, from, from + name.length, 0.7);
}
