import type { ChunkHit } from '@docpipe/search-index';
import { convexScoreFusion, hybridCandidates } from '../src/score-fusion';

const hit = (chunkId: string, score: number, text = chunkId): ChunkHit => ({
  chunkId,
  tenantId: 't',
  documentId: chunkId,
  ordinal: 0,
  page: 1,
  text,
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

describe('hybridCandidates', () => {
  const settings = { keywordWeight: 0.5, coveragePower: 0, typos: true };
  // A paraphrase: BM25 finds a chunk for one stray word; the semantic match shares no word with the query.
  const query = 'paperwork after someone gets hurt on the job';
  const keyword = [hit('job-advert', 12, 'Job advert: warehouse staff wanted'), hit('other', 3, 'a job list')];
  const semantic = [
    hit('injury-report', 0.55, 'Workplace accident report form'),
    hit('job-advert', 0.5, 'Job advert: warehouse staff wanted'),
  ];

  it('keeps a chunk found for a stray word of the query below the semantic match when chunk coverage counts', () => {
    expect(order(hybridCandidates(query, keyword, semantic, { ...settings, chunkCoveragePower: 0 }))[0]).toBe('job-advert');
    expect(order(hybridCandidates(query, keyword, semantic, { ...settings, chunkCoveragePower: 2 }))[0]).toBe('injury-report');
  });

  it('lets a chunk with every word of the query lead at any chunk coverage power', () => {
    const exact = [hit('accident-form', 10, 'Accident report form for the job: someone hurt, paperwork after')];
    expect(order(hybridCandidates(query, exact, semantic, { ...settings, chunkCoveragePower: 8 }))[0]).toBe('accident-form');
  });
});
