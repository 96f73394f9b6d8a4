import { DOCUMENT_WORDS, LEGAL_IDENTITY, ADDRESS_LINE, TABLE_HEADER_WORDS } from './labels';
import type { Line } from './field';

const IBAN_SHAPE = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,}/;
const BANK_WORDS = /\b(?:iban|swift|bic|giro|blz|sort\s+code|routing|bankleitzahl|kontonummer|account\s+(?:no|number))\b/i;
/** `Rechnungsdatum:`, `Leverancier Debiteurennummer:`: a line that opens with a label. */
export const LABEL_LINE = /^\s*[\p{L}][\p{L} ./#()&°-]{1,40}:/u;
const GENERATOR =
  /^(?:powered\s+by|generated\s+(?:by|with)|created\s+(?:by|with)|made\s+with|erstellt\s+(?:mit|durch)|g[ée]n[ée]r[ée]e?\s+(?:par|avec)|gemaakt\s+met|generado\s+(?:por|con)|creado\s+con)\b/i;
const AMOUNT_IN_LINE = /[€£$¥]\s?\d|\d[.,]\d{2}(?!\d)/u;
// `Steuerinformationen` / `USt-IdNr.: DE…`, `Bank details` / `IBAN …`: the heading of a footer's block, not the issuer's name.
const BLOCK_HEADING =
  /^(?:steuerinformationen|steuerdaten|bankverbindung|bankdaten|kontakt(?:daten)?|contact(?:\s+details)?|tax\s+information|bank(?:ing)?\s+details|payment\s+(?:details|information)|coordonn[ée]es(?:\s+bancaires)?|informations?\s+l[ée]gales|mentions\s+l[ée]gales|betaalgegevens|bankgegevens|contactgegevens|datos\s+(?:bancarios|fiscales)|informaci[oó]n\s+fiscal|dati\s+(?:bancari|fiscali)|registergericht|gesch[äa]ftsf[üu]hr(?:er|ung))\s*:?$/i;
// `Herrn` / `Hans Schmidt`, `Firma` / `Beispiel GmbH`: an address's salutation on its own line, the name is below it.
const SALUTATION_ALONE =
  /^(?:herrn?|frau|firma|mr\.?|mrs\.?|ms\.?|miss|messrs\.?|monsieur|madame|mme\.?|messieurs|dhr\.?|mevr\.?|de\s+heer|mevrouw|señor|señora|sr\.?|sra\.?|egregio|gentile|spett\.?le)$/i;

/** A line that can be a party's name: no address, label or legal-identity line. */
export const isName = (line: Line): boolean =>
  isNameText(line.text) && !ADDRESS_LINE.test(line.text) && !LABEL_LINE.test(line.text) && !LEGAL_IDENTITY.test(line.text);

export function isNameText(text: string): boolean {
  const trimmed = text.trim();
  // `Powered by GnuAccounting`: the tool that made the document, not a party to it.
  if (GENERATOR.test(trimmed) || SALUTATION_ALONE.test(trimmed) || BLOCK_HEADING.test(trimmed)) return false;
  if (trimmed.length < 3 || trimmed.length > 80 || !/\p{L}{2}/u.test(trimmed) || /^[\W\d]/u.test(trimmed)) return false;
  // A title, a date line (`February 17, 2026`), an id line (`GLN 4333741000005 Lief-Nr: 549910`), a bank
  // details header (`Weltweit Bank IBAN SWIFT Code Giro No.`) or a lone column header (`ITEM`) names no one.
  if (DOCUMENT_WORDS.test(trimmed) || /\b(?:19|20)\d{2}\b/.test(trimmed) || /\d{6}/.test(trimmed) || BANK_WORDS.test(trimmed)) return false;
  // `Graag betalen op NL91 ABNA 0417 1643 00 t.n.v. …`: a line with an account number is the payment's.
  if (IBAN_SHAPE.test(trimmed)) return false;
  // `Subtotal $40.00`: a line with an amount is a figure's, not a party's.
  if (AMOUNT_IN_LINE.test(trimmed)) return false;
  const headers = trimmed.match(TABLE_HEADER_WORDS) ?? [];
  return headers.length < 2 && headers.join(' ') !== trimmed;
}
