import { DEFAULT_DOCUMENT_TYPES } from '@docpipe/contracts';
import { bestThreshold, fitThreshold } from '../scripts/threshold';

describe('the other threshold', () => {
  const at = (expected: string, label: string, probability: number) => ({ expected, best: { label, probability } });

  it('rises to send unsure answers on documents of no known type to other', () => {
    // Two documents of no known type got the nearest type at low confidence; the real invoices and reports are sure.
    const predictions = [
      at('invoice', 'invoice', 0.9),
      at('invoice', 'invoice', 0.8),
      at('report', 'report', 0.85),
      at('other', 'report', 0.42),
      at('other', 'invoice', 0.38),
      at('other', 'other', 0.7),
    ];
    expect(bestThreshold(fitThreshold(predictions, DEFAULT_DOCUMENT_TYPES), 0.3)).toBe(0.45);
  });

  it('does not rise when unsure answers are mostly right, so known types do not become other', () => {
    const predictions = [
      at('invoice', 'invoice', 0.35),
      at('receipt', 'receipt', 0.33),
      at('report', 'report', 0.9),
      at('other', 'other', 0.8),
    ];
    expect(bestThreshold(fitThreshold(predictions, DEFAULT_DOCUMENT_TYPES), 0.3)).toBe(0.3);
  });

  it('keeps the current threshold when the best one wins by less than the margin', () => {
    const flat = [
      { threshold: 0.3, macroF1: 0.526 },
      { threshold: 0.45, macroF1: 0.529 },
    ];
    expect(bestThreshold(flat, 0.3)).toBe(0.3);
    expect(bestThreshold(flat, 0.3, 0.001)).toBe(0.45);
  });
});
