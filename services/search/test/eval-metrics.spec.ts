import { firstRelevantRank, recallAt, reciprocalRank, roughStem, sharedWords } from '../scripts/metrics';

describe('search evaluation metrics', () => {
  const ranked = ['a', 'b', 'c', 'd', 'e', 'f'];

  it('finds the rank of the first relevant document, null when it is missing', () => {
    expect(firstRelevantRank(ranked, ['c', 'f'])).toBe(3);
    expect(firstRelevantRank(ranked, ['z'])).toBeNull();
  });

  it('counts the share of relevant documents in the top k', () => {
    expect(recallAt(5, ranked, ['b'])).toBe(1);
    expect(recallAt(5, ranked, ['b', 'f'])).toBe(0.5);
    expect(recallAt(5, ranked, ['z'])).toBe(0);
    expect(() => recallAt(5, ranked, [])).toThrow(RangeError);
  });

  it('scores 1 / rank of the first relevant document, 0 when none is ranked', () => {
    expect(reciprocalRank(ranked, ['d', 'b'])).toBe(0.5);
    expect(reciprocalRank(ranked, ['z'])).toBe(0);
  });

  it('reports the content words a query shares with a document, by rough stem, ignoring stop words and case', () => {
    expect(roughStem('renting')).toBe(roughStem('rent'));
    expect(sharedWords('Renting the shop for a florist', 'The landlord lets the premises; the rent is paid in advance.')).toEqual([
      'renting',
    ]);
    expect(sharedWords('the and of', 'the and of')).toEqual([]);
  });
});
