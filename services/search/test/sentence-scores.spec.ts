import { chooseSentences, questionTerms, sentenceScores, termOverlaps } from '../src/answers/sentence-scores';

const weights = { similarity: 0.5, terms: 0.5, threshold: 0.4, margin: 0.1 };

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

  it('weighs similarity and overlap to a 0-1 score, a negative similarity counting as none', () => {
    expect(sentenceScores([0.8, -0.3], [0.5, 1], weights)).toEqual([0.65, 0.5]);
  });

  it('answers with nothing below the threshold, else the best and those within the margin, at most the maximum', () => {
    expect(chooseSentences([0.2, 0.39], weights, 3)).toEqual([]);
    expect(chooseSentences([0.5, 0.9, 0.85, 0.82, 0.7], weights, 3)).toEqual([1, 2, 3]);
    expect(chooseSentences([0.5, 0.9, 0.85, 0.82, 0.7], weights, 2)).toEqual([1, 2]);
    expect(chooseSentences([0.45, 0.41], weights, 3)).toEqual([0, 1]);
    expect(chooseSentences([], weights, 3)).toEqual([]);
  });
});
