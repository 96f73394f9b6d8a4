import type { Entity } from '@docpipe/contracts';
import { entityAfterLabel, type Field, type FieldSource } from './field';
import { NOT_A_TAX_LINE, SUBTOTAL_LABELS, TAX_LABELS, TOTAL_LABELS } from './labels';

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
  const labelledTotal = entityAfterLabel(source, 'money', TOTAL_LABELS, totalFrom, source.amounts, largest);
  const total = labelledTotal ?? largest(source.entities.filter((entity) => entity.kind === 'money'));
  const subtotal = entityAfterLabel(source, 'money', SUBTOTAL_LABELS, 'last', source.amounts, last);
  const taxLines: FieldSource = { ...source, lines: source.lines.filter((line) => !NOT_A_TAX_LINE.test(line.text)) };
  const tax = entityAfterLabel(taxLines, 'money', TAX_LABELS, 'last', source.amounts, last);
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

/** The total's currency, else the one most amounts are written in; the evidence is where it was read. */
function currencyFrom(source: FieldSource, total: Entity | undefined): Field | undefined {
  const money = source.entities.filter((entity) => entity.kind === 'money');
  const own = total && currencyOf(total) ? total : undefined;
  const counts = new Map<string, Entity[]>();
  for (const entity of money) counts.set(currencyOf(entity)!, [...(counts.get(currencyOf(entity)!) ?? []), entity]);
  const common = [...counts.values()].sort((a, b) => b.length - a.length)[0]?.[0];
  const from = own ?? common;
  if (!from) return undefined;
  return { value: currencyOf(from)!, page: from.page, start: from.start, end: from.end, confidence: own ? 0.9 : 0.6 };
}

/** `EUR 529.87`: a bare amount takes the document's currency. */
function moneyField(entity: Entity, currency: Field | undefined, confidence: number): Field {
  const value = currencyOf(entity) || !currency ? entity.value : `${currency.value} ${entity.value}`;
  return { value, page: entity.page, start: entity.start, end: entity.end, confidence };
}
