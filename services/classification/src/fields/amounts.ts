import type { Entity } from '@docpipe/contracts';
import { currencyCode, normaliseAmount } from '@docpipe/entities';
import { entityAfterLabel, type Field, type FieldSource, type Line } from './field';
import { CURRENCY_LABEL, NOT_A_TAX_LINE, SUBTOTAL_LABELS, TAX_LABELS, TOTAL_LABELS } from './labels';

// A code in capitals or a currency sign standing alone; `Fr.` and `$` are left to amounts, where they are unambiguous.
// Also the currency written as a word beside an amount (`1 250,00 euros`, `Rs. 4,500.00`), which no symbol table reads.
const PRINTED_CURRENCY =
  /(?<![\p{L}])(?:EUR|USD|GBP|CHF|CZK|PLN|SEK|NOK|DKK|CAD|AUD|JPY|INR|MYR)(?![\p{L}])|[€£]|(?<=\d\s?)euros?\b|\bRs\.?(?=\s?\d)/giu;
const CURRENCY_WORDS: Record<string, string> = { euro: 'EUR', euros: 'EUR', rs: 'INR', 'rs.': 'INR' };
const CURRENCY_TOKEN = /(?<![\p{L}])[A-Z]{3}(?![\p{L}])|[€£$¥]|\beuros?\b/iu;

export const amountOf = (entity: Entity): number => Number(entity.value.split(' ').at(-1)) || 0;
const currencyOf = (entity: Entity): string | undefined => (entity.value.includes(' ') ? entity.value.split(' ')[0] : undefined);
const largest = (found: Entity[]) =>
  found.reduce<Entity | undefined>((best, e) => (!best || amountOf(e) > amountOf(best) ? e : best), undefined);
const last = (found: Entity[]) => found.at(-1);

export interface Amounts {
  currency?: Field;
  subtotal?: Field;
  tax?: Field;
  total?: Field;
}

/**
 * Total, subtotal, tax and currency. The total is the largest amount on the last line labelled as what
 * is due (`Amount due`, `Gesamtbetrag`, `Total TTC`, `Totaal`), else the largest amount written with a
 * currency. Invoices are read from the end (their last total is what is due), receipts from the top
 * (below their total come the tender, the change and a tax summary). When subtotal + tax = total the three confirm each other and are rated higher.
 */
export function amounts(source: FieldSource, totalFrom: 'first' | 'last' = 'last'): Amounts {
  // `Balance due $0.00` on a paid receipt or invoice is what is left, not what was charged: a zero is no labelled total.
  const charged = source.amounts.filter((entity) => amountOf(entity) !== 0);
  const labelledTotal = entityAfterLabel(source, 'money', TOTAL_LABELS, totalFrom, charged, largest);
  const labelledSubtotal = entityAfterLabel(source, 'money', SUBTOTAL_LABELS, 'last', source.amounts, last);
  const taxLines: FieldSource = { ...source, lines: source.lines.filter((line) => !NOT_A_TAX_LINE.test(line.text)) };
  const total =
    labelledTotal ??
    entityAfterLabel(source, 'money', TOTAL_LABELS, totalFrom, wholeNumbers(source.lines), largest) ??
    largest(source.entities.filter((entity) => entity.kind === 'money')) ??
    // `Net Amount: Rs. 4,500.00` with no tax and no total: the net amount is what is owed.
    (entityAfterLabel(taxLines, 'money', TAX_LABELS, 'last', source.amounts, last) ? undefined : labelledSubtotal);
  const labelledTax = entityAfterLabel(taxLines, 'money', TAX_LABELS, 'last', source.amounts, last);
  // Subtotal + tax = total: among the amounts after their labels (a rate's tax line, a tax summary, the sum), the one that adds up.
  const addsUp = (other: Entity | undefined) => (entity: Entity) =>
    total !== undefined && other !== undefined && Math.abs(amountOf(other) + amountOf(entity) - amountOf(total)) < 0.015;
  // VAT, GST and sales tax are below the amount they are levied on: a tax as large as the subtotal is a coincidence.
  const belowBase = (entity: Entity) => labelledSubtotal !== undefined && Math.abs(amountOf(entity)) < Math.abs(amountOf(labelledSubtotal));
  const taxes = source.amounts.filter((entity) => belowBase(entity) && addsUp(labelledSubtotal)(entity));
  const tax = entityAfterLabel(taxLines, 'money', TAX_LABELS, 'last', taxes, last) ?? labelledTax;
  const subtotal = entityAfterLabel(source, 'money', SUBTOTAL_LABELS, 'last', source.amounts.filter(addsUp(tax)), last) ?? labelledSubtotal;
  const currency = currencyFrom(source, total);
  const adds = total && subtotal && tax && Math.abs(amountOf(subtotal) + amountOf(tax) - amountOf(total)) < 0.015;
  const rate = (base: number) => (adds ? 0.95 : base);
  return {
    currency,
    total: total && moneyField(total, currency, rate(labelledTotal ? 0.8 : 0.35)),
    subtotal: subtotal && subtotal !== total ? moneyField(subtotal, currency, rate(0.7)) : undefined,
    tax: tax && tax !== total ? moneyField(tax, currency, rate(0.65)) : undefined,
  };
}

// `Total: 198`, `TOTAL GENERAL: 39721600`, `Total: MAD20000.0`: a number closing its line, written without cents.
const LINE_END_NUMBER = /(?<![\p{L}\p{N}.,])(?:[A-Z]{3}|[€£$])?\s?(\d{1,3}(?:[.,' ]\d{3})+|\d+)(?:[.,]\d)?\s?(?:[A-Z]{3}|[€£$])?\s*$/u;

// `reference: 000000001`, `Kundennummer 0042`: an identifier's label right before the number, or its leading zero.
const IDENTIFIER_BEFORE =
  /\b(?:ref(?:erence)?|no|nr|n°|nº|number|nummer|num[ée]ro|id|code|account|konto|compte|iban|order|bestell\w*|kunden\w*)\.?\s*[:#]?\s*$/i;

/**
 * Numbers that end their line and no other pattern reads as an amount: what a total's label may stand
 * beside when the document prints no cents. Only ever read after a total's label; never an identifier
 * (`Please wire the amount due … using the reference: 000000001` names a total and ends in a reference).
 */
function wholeNumbers(lines: readonly Line[]): Entity[] {
  return lines.flatMap((line) => {
    const match = LINE_END_NUMBER.exec(line.text);
    if (!match || IDENTIFIER_BEFORE.test(line.text.slice(0, match.index))) return [];
    const number = match[0].trim();
    const digits = /\d[\d.,' ]*/.exec(number)![0].trim();
    if (/^0\d/.test(digits) || Number(normaliseAmount(digits)) === 0) return [];
    const start = line.start + match.index + match[0].indexOf(digits);
    return [{ kind: 'money' as const, text: digits, value: normaliseAmount(digits), page: line.page, start, end: start + digits.length }];
  });
}

/**
 * The total's currency; else the one a label states (`Währung: EUR`, `Devise : EURO (EUR)`, `Amounts in
 * USD`); else the one most amounts are written in; else the code or symbol the page prints most beside
 * bare amounts (`Einzel/€ Gesamt/€`, `Total € Incl. VAT`). The evidence is where it was read.
 */
function currencyFrom(source: FieldSource, total: Entity | undefined): Field | undefined {
  if (total && currencyOf(total)) return { ...evidenceOf(total), value: currencyOf(total)!, confidence: 0.9 };
  const stated = statedCurrency(source.lines);
  if (stated) return stated;
  const money = source.entities.filter((entity) => entity.kind === 'money' && currencyOf(entity));
  const counts = new Map<string, Entity[]>();
  for (const entity of money) counts.set(currencyOf(entity)!, [...(counts.get(currencyOf(entity)!) ?? []), entity]);
  const common = [...counts.values()].sort((a, b) => b.length - a.length)[0]?.[0];
  if (common) return { ...evidenceOf(common), value: currencyOf(common)!, confidence: 0.6 };
  return printedCurrency(source.lines);
}

const evidenceOf = (entity: Entity) => ({ page: entity.page, start: entity.start, end: entity.end });

function statedCurrency(lines: readonly Line[]): Field | undefined {
  for (const line of lines) {
    const label = CURRENCY_LABEL.exec(line.text);
    if (!label) continue;
    const after = line.text.slice(label.index + label[0].length);
    const written = CURRENCY_TOKEN.exec(after);
    const code = written && (currencyCode(written[0]) ?? (/^euros?$/i.test(written[0]) ? 'EUR' : undefined));
    if (!written || !code) continue;
    // `EURO (EUR)`: the code in brackets is the evidence when both are there.
    const start = line.start + label.index + label[0].length + written.index;
    return { value: code, page: line.page, start, end: start + written[0].length, confidence: 0.85 };
  }
  return undefined;
}

/** The ISO code or symbol printed most often on its own (a column header, a total's label). */
function printedCurrency(lines: readonly Line[]): Field | undefined {
  const seen = new Map<string, Field[]>();
  for (const line of lines)
    for (const match of line.text.matchAll(PRINTED_CURRENCY)) {
      const code = /^[A-Z]{3}$|^[€£]$/.test(match[0]) ? currencyCode(match[0]) : CURRENCY_WORDS[match[0].toLowerCase()];
      if (!code) continue;
      const start = line.start + match.index!;
      seen.set(code, [...(seen.get(code) ?? []), { value: code, page: line.page, start, end: start + match[0].length, confidence: 0.5 }]);
    }
  return [...seen.values()].sort((a, b) => b.length - a.length)[0]?.[0];
}

/** `EUR 529.87`: a bare amount takes the document's currency. */
function moneyField(entity: Entity, currency: Field | undefined, confidence: number): Field {
  const value = currencyOf(entity) || !currency ? entity.value : `${currency.value} ${entity.value}`;
  return { value, page: entity.page, start: entity.start, end: entity.end, confidence };
}
