import type { ChunkHit } from '@docpipe/search-index';
import { agreementAt, engineMinMaxFusion } from '../scripts/engine-fusion';

const hit = (chunkId: string, score: number): ChunkHit => ({
  chunkId,
  tenantId: 't1',
  documentId: chunkId,
  ordinal: 0,
  page: 1,
  text: chunkId,
  score,
  documentType: null,
  tags: [],
  fileName: `${chunkId}.pdf`,
  createdAt: '2024-01-01T00:00:00.000Z',
});

describe("OpenSearch's min-max hybrid fusion, imitated for the evaluation", () => {
  it('normalises each ranking to 0…1 by its own min and max and takes the weighted mean, a missing chunk counting 0', () => {
    const fused = engineMinMaxFusion([hit('a', 12), hit('b', 7), hit('c', 2)], [hit('b', 0.9), hit('d', 0.5), hit('a', 0.4)], 0.3);

    const scores = Object.fromEntries(fused.map(({ chunk, score }) => [chunk.chunkId, score]));
    expect(scores.a).toBeCloseTo(0.3 * 1 + 0.7 * 0.001);
    expect(scores.b).toBeCloseTo(0.3 * 0.5 + 0.7 * 1);
    expect(scores.c).toBeCloseTo(0.3 * 0.001);
    expect(scores.d).toBeCloseTo(0.7 * 0.2);
    expect(fused.map(({ chunk }) => chunk.chunkId)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('gives the lowest result of a ranking 0.001, not 0, and every result 1 when a ranking has one score', () => {
    const fused = engineMinMaxFusion([hit('a', 3), hit('b', 3)], [hit('c', 0.8), hit('a', 0.2)], 0.5);

    const scores = Object.fromEntries(fused.map(({ chunk, score }) => [chunk.chunkId, score]));
    expect(scores.a).toBeCloseTo(0.5 * 1 + 0.5 * 0.001);
    expect(scores.b).toBeCloseTo(0.5);
    expect(scores.c).toBeCloseTo(0.5);
  });

  it('fuses an empty ranking with the other one alone', () => {
    expect(engineMinMaxFusion([], [hit('a', 0.9), hit('b', 0.1)], 0.3).map(({ chunk }) => chunk.chunkId)).toEqual(['a', 'b']);
  });

  it('measures how far two document rankings agree at k', () => {
    expect(agreementAt(5, ['a', 'b', 'c', 'd', 'e', 'f'], ['b', 'a', 'c', 'x', 'e'])).toEqual({
      overlap: 0.8,
      sameFirst: false,
      sameOrder: false,
    });
    expect(agreementAt(2, ['a', 'b', 'c'], ['a', 'b', 'z'])).toEqual({ overlap: 1, sameFirst: true, sameOrder: true });
    expect(agreementAt(5, [], [])).toEqual({ overlap: 1, sameFirst: true, sameOrder: true });
  });
});
