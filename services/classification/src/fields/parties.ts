import { labelledValue, rated, spanOf, type Field, type FieldSource, type Line } from './field';
import {
  ADDRESS_LINE,
  BUSINESS_WORDS,
  CUSTOMER_LABEL,
  CUSTOMER_LABEL_AT_END,
  TITLE_AT_END,
  CUSTOMER_WORDS,
  LEGAL_FORM,
  LEGAL_IDENTITY,
  VENDOR_LABEL,
} from './labels';
import { customerBlock, firstPartEnd, partsOf, SENDER_SEPARATOR, senderLineAt, senderName } from './address-window';
import { addresseesColumn, issuersColumn, oneColumn } from './columns';
import { isName, isNameText, LABEL_LINE } from './names';
import { accountHolder } from './payee';

/**
 * Who issued the document, from the strongest cue to the weakest: a vendor label; the sender line of
 * a window envelope; the name beside the issuer's legal identity (SIRET, share capital, VAT number); a
 * company name (with a legal form) in the party block at the top; one in the footer; the holder of the account to pay into; the first name-like
 * line. Never a table header, a line of the customer's block or an address.
 */
export function vendor(source: FieldSource, top = 14): Field | undefined {
  return oneColumn(source, vendorInAnyColumn(source, top), issuersColumn(source, ownDomains(source, source.lines)));
}

function vendorInAnyColumn(source: FieldSource, top: number): Field | undefined {
  const labelled = partyAfterLabel(source.lines, VENDOR_LABEL);
  // `SELLER TRADE NAME Adresse du Client`: a template's two column headers, not the seller's name; `From: noreply@contoso.com`:
  // an e-mail's sender address, whose domain may still name the issuer below.
  if (labelled && !CUSTOMER_WORDS.test(labelled.value) && !/@|\bwww\.|:\/\//.test(labelled.value))
    return rated(cutAtSeparator(labelled), 0.85);
  const excluded = customerBlock(source);
  // Below such a pair of column headers, the seller's column starts with its name (`LE FOURNISSEUR`).
  const belowHeaders = labelled && CUSTOMER_WORDS.test(labelled.value) ? nameBelowHeaders(source.lines, labelled, excluded) : undefined;
  if (belowHeaders) return belowHeaders;
  const firstPage = source.lines.filter((line) => line.page === source.document.pages[0]?.number && !excluded.has(line));
  const head = firstPage.slice(0, top);
  const sender = head.map(senderName).find(Boolean);
  if (sender) return sender;
  const beside = head.map(nameBeside(CUSTOMER_LABEL_AT_END)).find(Boolean);
  if (beside) return beside;
  // `Acme Ltd INVOICE`: the letterhead's name beside the title printed at the other margin, when no name line comes before
  // it (`## NEXGEN` / `Innovation drives progress INVOICE` is a name, then its slogan).
  // A name starts with a capital: `no valido como factura` is a sentence about the title.
  const titledAt = head.findIndex((line) => /^\s*\p{Lu}/u.test(line.text) && nameBeside(TITLE_AT_END)(line) !== undefined);
  if (titledAt >= 0 && !head.slice(0, titledAt).some(isName)) return nameBeside(TITLE_AT_END)(head[titledAt]);
  const identified = nameOfLegalIdentity(source.lines, excluded);
  if (identified) return identified;
  const owner = ownerOfDomain(source, firstPage);
  if (owner) return owner;
  const company = head.find((line) => LEGAL_FORM.test(line.text) && isName(line));
  if (company) return withContinuation(firstPage, company, companyName(company, 0.75));
  const shop = head.find((line) => BUSINESS_WORDS.test(line.text) && isName(line));
  if (shop) return withContinuation(firstPage, shop, spanOf(shop, 0, shop.text.length, 0.6));
  const footer = source.lines.filter((line) => !excluded.has(line) && LEGAL_FORM.test(line.text) && isName(line)).at(-1);
  if (footer) return companyName(footer, 0.55);
  // After any company name: the account may be held by the company's owner (`Kontoinhaber: Max Mustermann`).
  const payee = accountHolder(source.lines, excluded);
  if (payee) return payee;
  const first = head.find(isName);
  return first && spanOf(first, 0, first.text.length, 0.35);
}

/** The first name line in the three below a vendor label that shares its line with the customer's. */
function nameBelowHeaders(lines: readonly Line[], labelled: Field, excluded: ReadonlySet<Line>): Field | undefined {
  const at = lines.findIndex((line) => line.page === labelled.page && line.start <= labelled.start! && labelled.start! < line.end);
  const named = lines
    .slice(at + 1, at + 4)
    .find((line) => line.page === labelled.page && isName(line) && !excluded.has(line) && !CUSTOMER_WORDS.test(line.text));
  return named && (LEGAL_FORM.test(named.text) ? companyName(named, 0.6) : spanOf(named, 0, named.text.length, 0.6));
}

/**
 * The issuer's name where the document states its legal identity, which only the issuer must print:
 * `BOUYGUES TELECOM - Société Anonyme au capital de …`, or the name heading that block or the one just
 * above it (`Akretion France` / street / town, then `VAT: FR86…`). The customer's own numbers say so.
 */
function nameOfLegalIdentity(lines: readonly Line[], excluded: ReadonlySet<Line>): Field | undefined {
  for (const [i, line] of lines.entries()) {
    if (!LEGAL_IDENTITY.test(line.text) || CUSTOMER_WORDS.test(line.text) || excluded.has(line)) continue;
    const first = partsOf(line.text)[0];
    if (isNameText(first) && !LEGAL_IDENTITY.test(first) && !ADDRESS_LINE.test(first) && !LABEL_LINE.test(first))
      return spanOf(line, line.text.indexOf(first), line.text.indexOf(first) + first.length, 0.7);
    const above = blockAbove(lines, i);
    const named = above.find((member) => isName(member) && !excluded.has(member) && !CUSTOMER_WORDS.test(member.text));
    if (named)
      return withContinuation(
        lines,
        named,
        LEGAL_FORM.test(named.text) ? companyName(named, 0.65) : spanOf(named, 0, named.text.length, 0.65),
      );
  }
  return undefined;
}

/**
 * The name line that the document's own e-mail or web domain spells (`Contoso Ltd` beside `billing@contoso.com`),
 * skipping free mail providers and the addresses in the customer's block.
 */
function ownerOfDomain(source: FieldSource, lines: readonly Line[]): Field | undefined {
  const compact = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const domains = ownDomains(source, lines);
  if (domains.length === 0) return undefined;
  const named = lines.slice(0, 20).find((line) => {
    const letters = compact(line.text);
    const first = compact(line.text.split(/\s+/)[0] ?? '');
    // A label line (`SELLER TRADE NAME …` beside `moi@seller.com`) names no one.
    if (VENDOR_LABEL.test(line.text) || CUSTOMER_WORDS.test(line.text)) return false;
    return isName(line) && domains.some((domain) => letters.startsWith(domain) || (first.length >= 4 && domain.startsWith(first)));
  });
  if (!named) return undefined;
  return LEGAL_FORM.test(named.text) ? companyName(named, 0.6) : spanOf(named, 0, named.text.length, 0.6);
}

/** The names the e-mail and web addresses on these lines were registered under, free mail providers left out. */
function ownDomains(source: FieldSource, lines: readonly Line[]): string[] {
  return source.entities
    .filter((entity) => entity.kind === 'email' || entity.kind === 'url')
    .filter((entity) => lines.some((line) => line.page === entity.page && entity.start >= line.start && entity.end <= line.end))
    .map((entity) => registeredName(entity.value))
    .filter((name): name is string => name !== undefined && name.length >= 4 && !FREE_MAIL.test(name));
}

/** `billing@mail.contoso.co.uk` and `https://www.contoso.com/x` → `contoso`: the name a domain was registered under. */
function registeredName(address: string): string | undefined {
  const host = address.includes('@') ? address.split('@')[1] : /^[a-z]+:\/\/([^/]+)/i.exec(address)?.[1];
  const labels = host?.toLowerCase().split('.').filter(Boolean) ?? [];
  if (labels.length < 2) return undefined;
  // `co.uk`, `com.au`: a second-level label of two or three letters is the registry's, the name is before it.
  const tld = labels.length >= 3 && /^(?:co|com|org|net|ac|gov)$/.test(labels.at(-2)!) ? 2 : 1;
  return labels.at(-1 - tld)?.replace(/-/g, '');
}

const FREE_MAIL =
  /^(?:gmail|googlemail|yahoo|hotmail|outlook|live|msn|icloud|me|aol|gmx|web|mail|proton|protonmail|orange|free|wanadoo|laposte|sfr|t-online|freenet|yandex|qq|163)$/;

/** The lines of the block a line ends (no blank line between them), or of the block just above when it stands alone. */
function blockAbove(lines: readonly Line[], at: number): Line[] {
  const joined = (upper: Line, lower: Line) => upper.page === lower.page && lower.start === upper.end + 1;
  let top = at;
  while (top > 0 && at - top < 6 && joined(lines[top - 1], lines[top])) top--;
  if (top < at) return lines.slice(top, at);
  const end = top - 1;
  if (end < 0 || lines[end].page !== lines[at].page) return [];
  let start = end;
  while (start > 0 && end - start < 5 && joined(lines[start - 1], lines[start])) start--;
  return lines.slice(start, end + 1);
}

/** Who the document is addressed to: after a customer label, else the line below a window envelope's sender line. */
export function customer(source: FieldSource): Field | undefined {
  return oneColumn(source, customerInAnyColumn(source), addresseesColumn(vendor(source)?.value));
}

function customerInAnyColumn(source: FieldSource): Field | undefined {
  const labelled = partyAfterLabel(source.lines, CUSTOMER_LABEL);
  if (labelled) return rated(cutAtSeparator(labelled), 0.8);
  const at = senderLineAt(source);
  const below = at >= 0 ? source.lines.slice(at + 1, at + 3).find(isName) : undefined;
  return below && spanOf(below, 0, below.text.length, 0.6);
}

/**
 * The party named after its label: inline (`Bill to: Fabrikam Ltd`), or in the block below a label that
 * stands alone (`Verkäufer` then `Name: Lieferant GmbH`, or the block's first name line).
 */
function partyAfterLabel(lines: readonly Line[], label: RegExp): Field | undefined {
  for (const [i, line] of lines.entries()) {
    const match = label.exec(line.text);
    if (!match) continue;
    const rest = line.text.slice(match.index + match[0].length);
    // `Customer: 2`, `Kunde: K-10023`, `Supplier #4711`: the party's number in the issuer's books, not its name.
    if (PARTY_NUMBER.test(rest)) continue;
    // `Leverancier Debiteurennummer: 97654`: what follows on the line is the next label, the party is in the block below.
    if (/^\s*[:#-]?\s*\p{L}/u.test(rest) && !/^\s*[/(]/.test(rest) && !LABEL_LINE.test(rest)) return labelledValue([line], label)?.field;
    // The block ends where the other party's begins (`Emisor` / name / street / `Receptor` / `Nombre: …`).
    const below = lines.slice(i + 1, i + 6);
    const next = below.findIndex((member) => isHeading(member.text, VENDOR_LABEL) || isHeading(member.text, CUSTOMER_LABEL));
    const block = next >= 0 ? below.slice(0, next) : below;
    const named = block.find((member) => NAME_LABEL.test(member.text));
    // `Name:` with the name on the line below it (`Name:` / `MVM Musterhafter` / `Versicherungsverein a.G.`).
    const afterName = named && (spanOf(named, NAME_LABEL.exec(named.text)![0].length) ?? nameBelow(lines, lines.indexOf(named)));
    if (afterName) return afterName;
    // A heading of the block's own (`Crediteur` under `Leverancier`) is no name; `Lieferant GmbH`, a label word with more, is.
    const first = block.find(
      (member) => isName(member) && !isHeading(member.text, VENDOR_LABEL) && !isHeading(member.text, CUSTOMER_LABEL),
    );
    if (first) return spanOf(first, 0);
  }
  return undefined;
}

/** The name on the line below a `Name:` label, with its second line when it goes on to a legal form. */
function nameBelow(lines: readonly Line[], at: number): Field | undefined {
  const [first, second] = [lines[at + 1], lines[at + 2]];
  if (!first || !isName(first)) return undefined;
  const field = spanOf(first, 0);
  if (!field || !second || second.page !== first.page || !isName(second) || LEGAL_FORM.test(first.text) || !LEGAL_FORM.test(second.text))
    return field;
  return { ...field, value: `${field.value} ${second.text.trim()}`, end: second.start + second.text.trimEnd().length };
}

/** A line that is nothing but a label (`Crediteur`, `Kunde:`). */
function isHeading(text: string, label: RegExp): boolean {
  const match = label.exec(text);
  return match !== null && !/\p{L}/u.test(text.slice(match.index + match[0].length));
}

const PARTY_NUMBER = /^\s*[:#]?\s*(?:\d+|[\p{L}/-]*(?:\d[\p{L}/-]*){3,})\s*$/u;

const NAME_LABEL = /^\s*(?:name|firma|company|raison\s+sociale|nom|naam|nombre|raz[oó]n\s+social)\s*:\s*/i;

/** A name broken over two lines (`HOME MASTER HARDWARE &` / `ELECTRICAL`, `… (SETIA` / `ALAM) SDN BHD`) is read whole. */
function withContinuation(lines: readonly Line[], line: Line, field: Field | undefined): Field | undefined {
  if (!field) return undefined;
  const at = lines.indexOf(line);
  const [before, after] = [lines[at - 1], lines[at + 1]];
  const open = (text: string) => (text.match(/\(/g)?.length ?? 0) > (text.match(/\)/g)?.length ?? 0);
  if (before && before.page === line.page && open(before.text) && /^[^(]*\)/.test(line.text))
    return {
      ...field,
      value: `${before.text.trim()} ${field.value}`,
      start: before.start + (before.text.length - before.text.trimStart().length),
    };
  if (after && after.page === line.page && /[&(-]\s*$/.test(field.value) && isName(after))
    return { ...field, value: `${field.value} ${after.text.trim()}`, end: after.start + after.text.trimEnd().length };
  return field;
}

/** The name printed left of a label that ends its line: a customer label (the issuer's column beside the customer's), a title. */
const nameBeside =
  (closing: RegExp) =>
  (line: Line): Field | undefined => {
    const label = closing.exec(line.text);
    if (!label) return undefined;
    const name = line.text.slice(0, label.index);
    if (!isNameText(name) || ADDRESS_LINE.test(name) || LABEL_LINE.test(name) || CUSTOMER_WORDS.test(name)) return undefined;
    return LEGAL_FORM.test(name)
      ? companyName({ ...line, text: name, end: line.start + name.length }, 0.6)
      : spanOf(line, 0, name.length, 0.6);
  };

/** The name up to the end of its legal form (`Acme GmbH, Hauptstr. 1` → `Acme GmbH`). */
function companyName(line: Line, confidence: number): Field | undefined {
  const form = LEGAL_FORM.exec(line.text)!;
  const end = form.index + form[0].length;
  const rest = line.text.slice(end);
  const cut = rest.search(SENDER_SEPARATOR);
  // `Contoso, Ltd. Project Statement`, `Lieferant GmbH Sitz der Gesellschaft`: words after the legal form are no longer the name.
  const wordsAfter = form.index > 0 && /^\s+\p{Lu}/u.test(rest) && !LEGAL_FORM.test(rest);
  return spanOf(line, 0, (cut >= 0 && !LEGAL_FORM.test(rest.slice(0, cut))) || wordsAfter ? end : line.text.length, confidence);
}

function cutAtSeparator(field: Field): Field {
  const cut = firstPartEnd(field.value);
  if (cut <= 0 || cut >= field.value.length) return field;
  const value = field.value.slice(0, cut);
  return { ...field, value, end: field.start === null ? null : field.start + value.length };
}
