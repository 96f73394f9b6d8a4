import type { ChunkHit } from '@docpipe/search-index';
import { featureRerank, queryTermsOf, rerankFeatures, type RerankWeights } from '../src/feature-reranker';
import type { FusedCandidate } from '../src/score-fusion';

const candidate = (id: string, text: string, score: number, extra: Partial<FusedCandidate> = {}): FusedCandidate => ({
  chunk: {
    chunkId: id,
    tenantId: 't',
    documentId: id,
    ordinal: 0,
    page: 1,
    text,
    documentType: 'other',
    tags: [],
    fileName: `${id}.txt`,
    createdAt: '2024-01-01T00:00:00.000Z',
    score,
  } satisfies ChunkHit,
  keyword: 0,
  cosine: 0,
  score,
  ...extra,
});
const only = (weights: Partial<RerankWeights>): RerankWeights => ({
  fused: 0,
  keyword: 0,
  cosine: 0,
  coverage: 0,
  title: 0,
  proximity: 0,
  ...weights,
});
const order = (ranked: { chunk: ChunkHit }[]) => ranked.map(({ chunk }) => chunk.chunkId);

describe('rerankFeatures', () => {
  it('measures coverage, title matches and proximity on stemmed content words', () => {
    const terms = queryTermsOf('the shipping invoices of Rotterdam');
    const features = rerankFeatures(terms, {
      ...candidate('rotterdam-invoice', 'Invoice for shipping goods to the port of Rotterdam.', 0.4),
      keyword: 0.8,
      cosine: 0.3,
    });
    expect(features).toMatchObject({ fused: 0.4, keyword: 0.8, cosine: 0.3, coverage: 1, title: 2 / 3 });
    // invoice … shipping … Rotterdam: 3 words found in a stretch of 9 words.
    expect(features.proximity).toBeCloseTo(2 / 8, 12);
  });

  it('gives proximity 1 to adjacent words and 0 when fewer than two are found', () => {
    const terms = queryTermsOf('bill lading');
    expect(rerankFeatures(terms, candidate('a', 'the bill lading was signed', 0)).proximity).toBe(1);
    expect(rerankFeatures(terms, candidate('b', 'the bill was paid', 0)).proximity).toBe(0);
    expect(rerankFeatures(terms, candidate('b', 'the bill was paid', 0)).coverage).toBe(0.5);
  });
});

describe('featureRerank', () => {
  const candidates = [
    candidate('stray', 'a word about invoices', 0.9),
    candidate('answer', 'overdue invoice reminder sent twice', 0.8),
    candidate('third', 'nothing relevant', 0.7),
  ];

  it('with weights { fused: 1 } keeps the first stage order', () => {
    expect(order(featureRerank('overdue invoice reminder', candidates, only({ fused: 1 }), 50))).toEqual(['stray', 'answer', 'third']);
  });

  it('re-scores the head by the weighted features and keeps the tail below it in first-stage order', () => {
    const ranked = featureRerank('overdue invoice reminder', candidates, only({ coverage: 1 }), 2);
    expect(order(ranked)).toEqual(['answer', 'stray', 'third']);
    expect(ranked[0].score).toBe(1);
    expect(ranked[2].score).toBeLessThan(ranked[1].score);
  });
});
