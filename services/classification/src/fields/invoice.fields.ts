import type { Entity } from '@docpipe/contracts';
import { amounts } from './amounts';
import { compact, entityAfterLabel, firstOf, fromEntity, type Field, type FieldExtractor, type FieldSource } from './field';
import { DUE_DATE_LABELS, ISSUE_DATE_LABELS, NOT_AN_ISSUE_DATE_LINE } from './labels';
import { customer, vendor } from './parties';

/** Vendor, customer, number, issue and due dates, amounts and IBAN of an invoice, each with its evidence and confidence. */
export const invoiceFields: FieldExtractor = (source) => {
  const number = firstOf(source.entities, 'invoice-number');
  const iban = firstOf(source.entities, 'iban');
  const due = entityAfterLabel(source, 'date', DUE_DATE_LABELS);
  const { currency, subtotal, tax, total } = amounts(source);
  return compact({
    vendor: vendor(source),
    customer: customer(source),
    number: number && fromEntity(number, 0.85),
    issueDate: issueDate(source, due),
    dueDate: due && fromEntity(due, 0.8),
    currency,
    subtotal,
    tax,
    total,
    iban: iban && fromEntity(iban, 0.95),
  });
};

/** After an invoice-date label; else the first date that is not the due, delivery or period date. */
export function issueDate(source: FieldSource, due: Entity | undefined): Field | undefined {
  const [specific, ...generic] = ISSUE_DATE_LABELS;
  const labelled = entityAfterLabel(source, 'date', [specific]);
  if (labelled) return fromEntity(labelled, 0.85);
  const plain: FieldSource = { ...source, lines: source.lines.filter((line) => !NOT_AN_ISSUE_DATE_LINE.test(line.text)) };
  const general = entityAfterLabel(plain, 'date', generic);
  if (general && general !== due) return fromEntity(general, 0.7);
  const first = source.entities.find((entity) => entity.kind === 'date' && entity !== due);
  return first && fromEntity(first, 0.4);
}
