import { reciprocalRankFusion } from '../src/rank-fusion';

const id = (item: string) => item;

describe('reciprocalRankFusion', () => {
  it('scores each item Σ 1/(k + rank) over the rankings it is in, best first', () => {
    const fused = reciprocalRankFusion(
      [
        ['a', 'b', 'c'],
        ['c', 'a'],
      ],
      id,
      60,
    );

    expect(fused.map(({ item, ranks }) => [item, ranks])).toEqual([
      ['a', [1, 2]],
      ['c', [3, 1]],
      ['b', [2, null]],
    ]);
    expect(fused[0].score).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(fused[1].score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(fused[2].score).toBeCloseTo(1 / 62, 12);
  });

  it('puts an item both rankings agree on above items only one ranking has first', () => {
    const keyword = ['exact-term', 'both', 'x1', 'x2'];
    const semantic = ['paraphrase', 'both', 'y1', 'y2'];
    expect(reciprocalRankFusion([keyword, semantic], id)[0].item).toBe('both');
  });

  it('ignores the scale of the scores: only the order of each ranking matters', () => {
    const bm25 = [
      { id: 'a', score: 42 },
      { id: 'b', score: 41 },
    ];
    const cosine = [
      { id: 'b', score: 0.9 },
      { id: 'a', score: 0.1 },
    ];
    const fused = reciprocalRankFusion([bm25, cosine], (hit) => hit.id);
    expect(fused[0].score).toBeCloseTo(fused[1].score, 12);
  });

  it('breaks ties by the better best rank, then by the earlier ranking, so the order is deterministic', () => {
    expect(reciprocalRankFusion([['a'], ['b']], id).map((entry) => entry.item)).toEqual(['a', 'b']);
    expect(reciprocalRankFusion([['b'], ['a']], id).map((entry) => entry.item)).toEqual(['b', 'a']);
  });

  it('counts an item listed twice in one ranking once, at its better rank', () => {
    const [entry] = reciprocalRankFusion([['a', 'a']], id, 60);
    expect(entry.score).toBeCloseTo(1 / 61, 12);
    expect(entry.ranks).toEqual([1]);
  });

  it('keeps the first ranking’s object for the item, and handles empty input', () => {
    const [entry] = reciprocalRankFusion([[{ id: 'a', from: 'keyword' }], [{ id: 'a', from: 'semantic' }]], (hit) => hit.id);
    expect(entry.item.from).toBe('keyword');
    expect(reciprocalRankFusion([[], []], id)).toEqual([]);
    expect(reciprocalRankFusion([], id)).toEqual([]);
  });

  it('lets a smaller k favour top ranks more', () => {
    const rankings = [
      ['a', 'b', 'c', 'd'],
      ['d', 'c', 'b', 'a'],
      ['a', 'x', 'y', 'z'],
    ];
    const gap = (k: number) => {
      const fused = reciprocalRankFusion(rankings, id, k);
      return fused[0].score - (fused.find((entry) => entry.item === 'c')?.score ?? 0);
    };
    expect(gap(1) / reciprocalRankFusion(rankings, id, 1)[0].score).toBeGreaterThan(
      gap(60) / reciprocalRankFusion(rankings, id, 60)[0].score,
    );
  });
});
