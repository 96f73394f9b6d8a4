import { amountOf, amounts } from './amounts';
import { compact, entityAfterLabel, spanOf, type Field, type FieldExtractor, type FieldSource } from './field';
import { issueDate } from './invoice.fields';
import { CHANGE_LABELS, PAYMENT_METHODS, ROUNDING_LABELS, TENDERED_LABELS } from './labels';
import { vendor } from './parties';

/** Merchant, date, total (and its currency) and payment method of a receipt. */
export const receiptFields: FieldExtractor = (source) => {
  const { currency, total } = amounts(source, 'first');
  return compact({
    merchant: vendor(source, 6),
    date: issueDate(source, undefined),
    total: cashTotal(source, currency) ?? rounded(source, total),
    currency,
    paymentMethod: paymentMethod(source),
  });
};

/**
 * A cash sale's total is what was paid less the change (`CASH 70.30`, `CHANGE 10.00` → 60.30): surer than
 * a TOTAL line, which receipts print before rounding, per tax rate and in their tax summary. The
 * evidence is the printed amount of that value nearest above the payment, else the paid amount.
 */
function cashTotal(source: FieldSource, currency: Field | undefined): Field | undefined {
  const paid = entityAfterLabel(source, 'money', TENDERED_LABELS, 'last', source.amounts);
  const change = paid && entityAfterLabel(source, 'money', CHANGE_LABELS, 'last', source.amounts);
  if (!paid || !change || amountOf(change) >= amountOf(paid)) return undefined;
  const value = Math.round((amountOf(paid) - amountOf(change)) * 100) / 100;
  const before = source.amounts.filter((entity) => entity.page < paid.page || (entity.page === paid.page && entity.start < paid.start));
  const printed = before.reverse().find((entity) => Math.abs(amountOf(entity) - value) < 0.005) ?? paid;
  const amount = value.toFixed(2);
  return {
    value: currency ? `${currency.value} ${amount}` : amount,
    page: printed.page,
    start: printed.start,
    end: printed.end,
    confidence: printed === paid ? 0.7 : 0.9,
  };
}

/** A total printed before a rounding line (`TOTAL 33.92`, `ROUNDING -0.02`) is the rounded amount printed after it. */
function rounded(source: FieldSource, total: Field | undefined): Field | undefined {
  const adjustment = total && entityAfterLabel(source, 'money', ROUNDING_LABELS, 'first', source.amounts);
  if (!total || !adjustment || amountOf(adjustment) === 0) return total;
  const value = Number(total.value.split(' ').at(-1)) + amountOf(adjustment);
  const after = source.amounts.find(
    (entity) =>
      (entity.page > adjustment.page || (entity.page === adjustment.page && entity.start > adjustment.end)) &&
      Math.abs(amountOf(entity) - value) < 0.005,
  );
  if (!after) return total;
  const currency = total.value.includes(' ') ? `${total.value.split(' ')[0]} ` : '';
  return { value: `${currency}${value.toFixed(2)}`, page: after.page, start: after.start, end: after.end, confidence: 0.85 };
}

/** The first payment word (`VISA`, `Bar`, `Espèces`, `Contant`) on a line from the total down; the value is cash, card, wallet or transfer. */
function paymentMethod(source: FieldSource): Field | undefined {
  for (const line of source.lines) {
    for (const [pattern, value] of PAYMENT_METHODS) {
      const match = pattern.exec(line.text);
      if (!match) continue;
      const span = spanOf(line, match.index, match.index + match[0].length, 0.7);
      return span && { ...span, value };
    }
  }
  return undefined;
}
