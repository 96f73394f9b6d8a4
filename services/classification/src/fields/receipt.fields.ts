import { totalAmount } from './amounts';
import { compact, firstOf, fromEntity, type FieldExtractor } from './field';
import { firstHeading } from './headings';

const NOT_A_MERCHANT = /receipt|quittung|ticket|^\s*(?:date|time|order|table|server|cashier|welcome)\b/i;

/** Merchant, date and total of a receipt. */
export const receiptFields: FieldExtractor = (source) => {
  const date = firstOf(source.entities, 'date');
  const total = totalAmount(source);
  return compact({
    merchant: firstHeading(source, NOT_A_MERCHANT),
    date: date && fromEntity(date),
    total: total && fromEntity(total),
  });
};
