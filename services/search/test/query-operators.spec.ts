import { AppError } from '@docpipe/platform';
import { containsPhrase, parseQuery } from '../src/query-operators';

describe('parseQuery', () => {
  it('takes type:, tag: and date operators out of the text, and keeps quoted phrases as words and as phrases', () => {
    expect(parseQuery('"late fee" type:invoice tag:urgent northwind from:2024-01-01 to:2024-03-31')).toEqual({
      text: 'late fee northwind',
      phrases: ['late fee'],
      documentType: 'invoice',
      tag: 'urgent',
      from: '2024-01-01T00:00:00.000Z',
      to: '2024-03-31T23:59:59.999Z',
    });
  });

  it('reads quoted operator values and any case of the operator name', () => {
    expect(parseQuery('rent TAG:"real estate" Type:contract')).toEqual({
      text: 'rent',
      phrases: [],
      tag: 'real estate',
      documentType: 'contract',
    });
  });

  it('leaves words that only look like operators alone (no known name, or inside a word)', () => {
    expect(parseQuery('ratio 3:2 subtype:x')).toEqual({ text: 'ratio 3:2 subtype:x', phrases: [] });
    expect(parseQuery('plain words')).toEqual({ text: 'plain words', phrases: [] });
  });

  it.each([
    ['type:invoice', 'nothing to search for'],
    ['rent type:a type:b', 'given twice'],
    ['rent from:yesterday', 'YYYY-MM-DD'],
    ['rent to:2024-02-30x', 'YYYY-MM-DD'],
    ['rent to:2024-02-30', 'YYYY-MM-DD'],
    ['rent tag:""', 'needs a value'],
  ])('rejects %s as invalid_request (%s)', (query, message) => {
    const error = (() => {
      try {
        return parseQuery(query);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining(message) });
  });
});

describe('containsPhrase', () => {
  it('matches the same words in the same order, whatever the case, accents, punctuation and line breaks', () => {
    expect(containsPhrase('Please pay by Bank-\ntransfer, today.', 'bank transfer')).toBe(true);
    expect(containsPhrase('Café crème', 'cafe creme')).toBe(true);
    expect(containsPhrase('transfer by bank', 'bank transfer')).toBe(false);
    expect(containsPhrase('banktransfer', 'bank transfer')).toBe(false);
    expect(containsPhrase('the embankment transfers', 'bank transfer')).toBe(false);
  });
});
