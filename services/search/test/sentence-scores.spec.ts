import { chooseSentences, fitsQuestion, questionTerms, sentenceScores, termOverlaps } from '../src/answers/sentence-scores';

const weights = { similarity: 0.5, terms: 0.3, context: 0.2, mismatch: 0.5, threshold: 0.4, margin: 0.1 };

describe('scoring sentences as answers', () => {
  it('takes the words that only make a question out of its terms', () => {
    expect(questionTerms('What is the IBAN of Northwind, and how much do we owe them?')).toEqual(['iban', 'northwind', 'owe', 'them']);
    expect(questionTerms('What is it?')).toEqual([]);
  });

  it('counts a term found in fewer sentences for more', () => {
    const [rare, common, none] = termOverlaps(questionTerms('IBAN invoice'), [
      'The IBAN is DE89.',
      'This invoice is due.',
      'Another invoice line.',
    ]);
    expect(rare).toBeGreaterThan(common);
    expect(rare + common).toBeCloseTo(1);
    expect(none).toBe(common);
  });

  it('gives no overlap when the question has no terms', () => {
    expect(termOverlaps([], ['anything'])).toEqual([0]);
  });

  it('expects a number for a question about an amount or a date, and something the question does not already say', () => {
    expect(fitsQuestion('How much is the total?', 'Total due: EUR 4,284.00')).toBe(true);
    expect(fitsQuestion('How much is the total?', 'Please pay the total soon.')).toBe(false);
    expect(fitsQuestion('When is the invoice due?', 'Due date: 2024-02-26')).toBe(true);
    expect(fitsQuestion('Who signed for Greenfield Veterinary Clinic?', 'Greenfield Veterinary Clinic')).toBe(false);
    expect(fitsQuestion('Who signed for Greenfield Veterinary Clinic?', 'Signed by Joanna Walsh')).toBe(true);
  });

  it('weighs the evidence to a 0-1 score, a negative similarity counting as none, a sentence that does not fit reduced', () => {
    const scores = sentenceScores(
      [
        { similarity: 0.8, terms: 0.5, context: 1, fits: true },
        { similarity: -0.3, terms: 1, context: 0, fits: true },
        { similarity: 0.8, terms: 0.5, context: 1, fits: false },
      ],
      weights,
    );
    expect(scores[0]).toBeCloseTo(0.75);
    expect(scores[1]).toBeCloseTo(0.3);
    expect(scores[2]).toBeCloseTo(0.375);
  });

  it('answers with nothing below the threshold, else the best and those within the margin, at most the maximum', () => {
    expect(chooseSentences([0.2, 0.39], weights, 3)).toEqual([]);
    expect(chooseSentences([0.5, 0.9, 0.85, 0.82, 0.7], weights, 3)).toEqual([1, 2, 3]);
    expect(chooseSentences([0.5, 0.9, 0.85, 0.82, 0.7], weights, 2)).toEqual([1, 2]);
    expect(chooseSentences([0.45, 0.41], weights, 3)).toEqual([0, 1]);
    expect(chooseSentences([], weights, 3)).toEqual([]);
  });
});
