import type { Entity } from '@docpipe/contracts';
import { amounts } from './amounts';
import { compact, entitiesOn, entityAfterLabel, firstOf, fromEntity, type Field, type FieldExtractor, type FieldSource } from './field';
import { labelledIban } from './iban';
import { invoiceNumber } from './invoice-number';
import { DUE_DATE_LABELS, ISSUE_DATE_LABELS, NOT_AN_ISSUE_DATE_LINE, REFERENCED_INVOICE } from './labels';
import { labelledCustomerBlock } from './address-window';
import { customer, vendor } from './parties';
import { vendorVatId } from './vat-id';

/** Vendor, customer, number, issue and due dates, amounts, IBAN and the vendor's VAT number of an invoice, each with its evidence and confidence. */
export const invoiceFields: FieldExtractor = (source) => {
  const iban = firstOf(source.entities, 'iban');
  const due = entityAfterLabel(source, 'date', DUE_DATE_LABELS);
  const { currency, subtotal, tax, total } = amounts(source);
  return compact({
    vendor: vendor(source),
    customer: customer(source),
    number: invoiceNumber(source),
    issueDate: issueDate(source, due),
    dueDate: due && fromEntity(due, 0.8),
    currency,
    subtotal,
    tax,
    total,
    iban: iban ? fromEntity(iban, 0.95) : labelledIban(source.lines),
    vendorVatId: vendorVatId(source.lines, labelledCustomerBlock(source.lines)),
  });
};

/** After an invoice-date label; else the first date that is not the due, delivery or period date. */
export function issueDate(source: FieldSource, due: Entity | undefined): Field | undefined {
  const [specific, ...generic] = ISSUE_DATE_LABELS;
  const labelled = entityAfterLabel({ ...source, lines: source.lines.filter((line) => !REFERENCED_INVOICE.test(line.text)) }, 'date', [
    specific,
  ]);
  if (labelled) return fromEntity(labelled, 0.85);
  const plain: FieldSource = { ...source, lines: source.lines.filter((line) => !NOT_AN_ISSUE_DATE_LINE.test(line.text)) };
  const general = entityAfterLabel(plain, 'date', generic);
  if (general && general !== due) return fromEntity(general, 0.7);
  // `DATE DE FACTURE ASSOCIÉE : 30/11/2018` comes before the issue date a layout printed far from its label.
  const first = plain.lines.flatMap((line) => entitiesOn(source.entities, line, 'date')).find((entity) => entity !== due);
  return first && fromEntity(first, 0.4);
}
