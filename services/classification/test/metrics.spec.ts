import { measure } from '../scripts/metrics';

describe('the evaluation metrics', () => {
  it('scores macro-F1 as the mean over the types that occur', () => {
    expect(
      measure(
        [
          { expected: 'a', predicted: 'a' },
          { expected: 'b', predicted: 'a' },
        ],
        ['a', 'b', 'c'],
      ).macroF1,
    ).toBeCloseTo((2 / 3 + 0) / 2, 6);
  });
});
