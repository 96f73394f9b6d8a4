import type { Entity } from '@docpipe/events';
import { entityAfterLabel, type FieldSource } from './field';

/** Best label first: what is owed or paid in the end, then a plain total (not a subtotal or the tax line). */
const TOTAL_LABELS = [
  /\b(?:amount|balance|total)\s+(?:due|payable|to pay|paid|owing)\b|\bgrand\s+total\b|\btotal\s+amount\b|\btotal\s+(?:incl|inc|gross)/i,
  /(?<!sub[\s-]?)\bt[o0]ta[l1]\b(?!\s*(?:vat|tax|net|excl|before|items|qty|quantity))/i,
];

/** The document's final amount: after the best total label (the last such line), else the largest amount. */
export function totalAmount(source: FieldSource): Entity | undefined {
  const labelled = entityAfterLabel(source, 'money', TOTAL_LABELS, 'last');
  if (labelled) return labelled;
  const amounts = source.entities.filter((entity) => entity.kind === 'money');
  return amounts.reduce<Entity | undefined>(
    (largest, entity) => (!largest || amountOf(entity) > amountOf(largest) ? entity : largest),
    undefined,
  );
}

const amountOf = (entity: Entity) => Number(entity.value.split(' ').at(-1)) || 0;
