import { keywordCoverage } from '../src/keyword-coverage';

describe('keywordCoverage', () => {
  it('is the share of the query’s content words that the hit contains, stop words left out', () => {
    expect(keywordCoverage('the invoice for the printer', 'Invoice 17: one laser printer')).toBe(1);
    expect(keywordCoverage('invoice for a fax machine', 'Invoice 17: one laser printer')).toBeCloseTo(1 / 3, 12);
  });

  it('matches inflected forms and ignores case and accents', () => {
    expect(keywordCoverage('Invoices paid', 'the INVOICE was sent')).toBe(0.5);
    expect(keywordCoverage('café receipts', 'cafe receipt')).toBe(1);
  });

  it('is 0 without a hit or without content words', () => {
    expect(keywordCoverage('invoice', undefined)).toBe(0);
    expect(keywordCoverage('the of and', 'the of and')).toBe(0);
  });

  it('with typos, counts a misspelt word as found where keyword search would match it', () => {
    expect(keywordCoverage('Rottrdam invoice', 'Invoice from Rotterdam', { typos: true })).toBe(1);
    expect(keywordCoverage('Rottrdam invoice', 'Invoice from Rotterdam')).toBe(0.5);
    // The first letter is kept and short words match exactly only, as in the index's typo tolerance.
    expect(keywordCoverage('Lotterdam invoice', 'Invoice from Rotterdam', { typos: true })).toBe(0.5);
    expect(keywordCoverage('fax invoice', 'tax invoice', { typos: true })).toBe(0.5);
  });
});
