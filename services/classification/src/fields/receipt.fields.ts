import { amounts } from './amounts';
import { compact, spanOf, type Field, type FieldExtractor, type FieldSource } from './field';
import { issueDate } from './invoice.fields';
import { PAYMENT_METHODS } from './labels';
import { vendor } from './parties';

/** Merchant, date, total (and its currency) and payment method of a receipt. */
export const receiptFields: FieldExtractor = (source) => {
  const { currency, total } = amounts(source);
  return compact({
    merchant: vendor(source, 6),
    date: issueDate(source, undefined),
    total,
    currency,
    paymentMethod: paymentMethod(source),
  });
};

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
