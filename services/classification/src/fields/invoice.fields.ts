import { totalAmount } from './amounts';
import { compact, entityAfterLabel, firstOf, fromEntity, labelledValue, type FieldExtractor } from './field';
import { firstHeading } from './headings';

const VENDOR_LABEL = /^\s*(?:from|vendor|supplier|seller|sold by|billed by|issued by|payee)\b/i;
const NOT_A_VENDOR = /invoice|rechnung|facture|\bbill\b|page \d|^\s*(?:date|to|ship|tax|vat|no\.?|number)\b/i;
const DATE_LABELS = [/\b(?:invoice|issue|issued|billing|document)\s+date\b|\bdate of (?:invoice|issue)\b/i, /^\s*date\b/i, /\bdated\b/i];

/** Invoice number, date, total and vendor, each with the span it was read from. */
export const invoiceFields: FieldExtractor = (source) => {
  const number = firstOf(source.entities, 'invoice-number');
  const date = entityAfterLabel(source, 'date', DATE_LABELS) ?? firstOf(source.entities, 'date');
  const total = totalAmount(source);
  return compact({
    number: number && fromEntity(number),
    date: date && fromEntity(date),
    total: total && fromEntity(total),
    vendor: labelledValue(source.lines, VENDOR_LABEL)?.field ?? firstHeading(source, NOT_A_VENDOR),
  });
};
