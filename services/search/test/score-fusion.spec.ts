import type { ChunkHit } from '@docpipe/search-index';
import { convexScoreFusion } from '../src/score-fusion';

const hit = (chunkId: string, score: number): ChunkHit => ({
  chunkId,
  tenantId: 't',
  documentId: chunkId,
  ordinal: 0,
  page: 1,
  text: chunkId,
  documentType: 'other',
  tags: [],
  fileName: `${chunkId}.txt`,
  createdAt: '2024-01-01T00:00:00.000Z',
  score,
});
const order = (fused: { chunk: ChunkHit }[]) => fused.map(({ chunk }) => chunk.chunkId);

describe('convexScoreFusion', () => {
  it('scores weight · BM25/best BM25 + (1 − weight) · cosine', () => {
    const fused = convexScoreFusion([hit('a', 20), hit('b', 5)], [hit('b', 0.6), hit('a', 0.4)], 0.5);
    expect(order(fused)).toEqual(['a', 'b']);
    expect(fused[0].score).toBeCloseTo(0.5 * 1 + 0.5 * 0.4, 12);
    expect(fused[1].score).toBeCloseTo(0.5 * 0.25 + 0.5 * 0.6, 12);
  });

  it('lets a keyword hit far ahead of the rest win, but not a flat keyword ranking', () => {
    const semantic = [hit('meaning', 0.6), hit('name', 0.45)];
    expect(order(convexScoreFusion([hit('name', 30), hit('meaning', 3)], semantic, 0.5))[0]).toBe('name');
    expect(order(convexScoreFusion([hit('name', 8), hit('meaning', 7.5)], semantic, 0.5))[0]).toBe('meaning');
  });

  it('gives a chunk only BM25 found the lowest cosine of the vector ranking, one only vectors found no keyword score', () => {
    const fused = convexScoreFusion([hit('kw-only', 10)], [hit('v1', 0.5), hit('v2', 0.3)], 0.2);
    const score = Object.fromEntries(fused.map((f) => [f.chunk.chunkId, f.score]));
    expect(score['kw-only']).toBeCloseTo(0.2 + 0.8 * 0.3, 12);
    expect(score.v1).toBeCloseTo(0.8 * 0.5, 12);
  });

  it('with weight 0 keeps the semantic order, ties broken by it, and handles empty rankings', () => {
    expect(order(convexScoreFusion([hit('c', 9), hit('b', 8)], [hit('a', 0.5), hit('b', 0.5), hit('c', 0.4)], 0))).toEqual(['a', 'b', 'c']);
    expect(order(convexScoreFusion([hit('a', 1)], [], 0.5))).toEqual(['a']);
    expect(convexScoreFusion([], [], 0.5)).toEqual([]);
  });
});
