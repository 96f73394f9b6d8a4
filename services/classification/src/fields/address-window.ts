import { spanOf, type Field, type FieldSource, type Line } from './field';
import { ADDRESS_LINE, ADDRESSEE_LABEL, CUSTOMER_LABEL, LEGAL_FORM } from './labels';
import { isNameText } from './names';

// `Lieferant GmbH · Lieferantenstraße 20 · 80333 München`: the sender's line above a window envelope's address.
export const SENDER_SEPARATOR = /\s+[·•●∙⋅▪|–]\s+|\s+-\s+|,\s+/;
// `Smith, John`, `Durand, Paul · Rue …`: a person written surname first, whose comma separates no parts.
const SURNAME_FIRST = /^\s*\p{Lu}[\p{L}'’-]+,\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)?(?=\s*$|\s+[·•●∙⋅▪|–-]\s+|,\s+)/u;

/** Where a line's first part ends: at its first separator, past the comma of a name written surname first. */
export function firstPartEnd(text: string): number {
  const name = SURNAME_FIRST.exec(text)?.[0].length ?? 0;
  const cut = text.slice(name).search(SENDER_SEPARATOR);
  return cut < 0 ? text.length : name + cut;
}

/** A line's parts between separators, a name written surname first kept whole. */
export function partsOf(text: string): string[] {
  const end = firstPartEnd(text);
  return [text.slice(0, end), ...text.slice(end).split(SENDER_SEPARATOR).filter(Boolean)];
}
const SENDER_LABEL = /^\s*(?:abs(?:ender)?\.?|exp\.?|from)\s*:\s*/i;
const SALUTATION =
  /^\s*(?:#+\s*)?(?:herrn?|frau|mr\.?|mrs\.?|ms\.?|monsieur|madame|mme\.?|dhr\.?|mevr\.?|de\s+heer|mevrouw|sr\.?|sra\.?|señor|señora|don|doña)(?=\s|$)/i;
const POSTCODE_TOWN = /^\s*(?:[A-Z]{1,2}[- ]?)?\d{4,5}(?:\s?[A-Z]{2})?\s+\p{Lu}/u;

/** The sender's name on a window envelope's sender line (name, street, town, separated). */
export function senderName(line: Line): Field | undefined {
  const parts = partsOf(line.text);
  if (parts.length < 3 || !ADDRESS_LINE.test(line.text)) return undefined;
  // `Abs.: Müller Bau GmbH, …`: the sender's label is no part of its name.
  const name = parts[0].replace(SENDER_LABEL, '');
  if (!isNameText(name) || ADDRESS_LINE.test(name)) return undefined;
  const at = line.text.indexOf(name);
  return spanOf(line, at, at + name.length, 0.8);
}

/** The customer's block: after its label, or below a window envelope's sender line. */
export function customerBlock(source: FieldSource): Set<Line> {
  const block = labelledCustomerBlock(source.lines);
  const head = source.lines.slice(0, 20);
  const senderAt = senderLineAt(source);
  if (senderAt >= 0) for (const member of addressFrom(source.lines, senderAt + 1)) block.add(member);
  // `Herrn` / `Max Mustermann` / …, `Mevrouw M.S. Post` / …: an address opening with a salutation is the addressee's.
  for (const [i, line] of head.entries()) {
    // `MR D.I.Y. (M) SDN BHD` is a shop.
    if (!SALUTATION.test(line.text) || LEGAL_FORM.test(line.text)) continue;
    for (const member of addressFrom(source.lines, i)) block.add(member);
  }
  return block;
}

/**
 * Where the window envelope's sender line is: among the first 20 lines; else anywhere on the first page when an
 * address follows it (a name, then its town within four lines), because a layout may put the window below the body.
 */
export function senderLineAt(source: FieldSource): number {
  const head = source.lines.slice(0, 20).findIndex((line) => senderName(line) !== undefined);
  if (head >= 0) return head;
  const firstPage = source.document.pages[0]?.number;
  return source.lines.findIndex(
    (line, i) =>
      line.page === firstPage &&
      senderName(line) !== undefined &&
      isNameText(source.lines[i + 1]?.text ?? '') &&
      addressFrom(source.lines, i + 1).some((member) => POSTCODE_TOWN.test(member.text)),
  );
}

/** The window's address ends with its town (`88802 Spielkreis`); the letterhead that may follow is the sender's. */
function addressFrom(lines: readonly Line[], at: number): Line[] {
  const window = lines.slice(at, at + 4);
  const town = window.findIndex((line) => POSTCODE_TOWN.test(line.text));
  return town >= 0 ? window.slice(0, town + 1) : window;
}

/** The lines of the customer's address block: the labelled line and the four after it. */
export function labelledCustomerBlock(lines: readonly Line[]): Set<Line> {
  const block = new Set<Line>();
  for (const [i, line] of lines.entries()) {
    if (!CUSTOMER_LABEL.test(line.text) && !ADDRESSEE_LABEL.test(line.text)) continue;
    for (const member of lines.slice(i, i + 5)) block.add(member);
  }
  return block;
}
