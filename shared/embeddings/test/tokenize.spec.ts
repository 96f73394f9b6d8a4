import { lookupForms, tokenize } from '../src/tokenize';

describe('tokenize', () => {
  it('lower-cases words and drops punctuation, keeping contractions, compounds and abbreviations whole', () => {
    expect(tokenize('Don’t e-mail the U.S. office, Bob! Total: 12.50 EUR.')).toEqual([
      "don't",
      'e-mail',
      'the',
      'u.s.',
      'office',
      'bob',
      'total',
      '12.50',
      'eur',
    ]);
  });

  it('folds compatibility characters (full-width letters) to their plain form', () => {
    expect(tokenize('ＩＮＶＯＩＣＥ')).toEqual(['invoice']);
  });

  it('offers the possessive stem and the parts of a compound when the whole word is unknown', () => {
    expect(lookupForms("invoice's")).toEqual([["invoice's"], ['invoice'], ['invoice', 's']]);
    expect(lookupForms('invoice-related')).toEqual([['invoice-related'], ['invoice', 'related']]);
    expect(lookupForms('plain')).toEqual([['plain']]);
  });
});
