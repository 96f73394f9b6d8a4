import type { ChunkHit } from '@docpipe/search-index';
import type { FusedCandidate } from '../src/score-fusion';
import { learnRerankWeights, type TrainingQuery } from '../scripts/learn-reranker';

const candidate = (documentId: string, score: number, keyword: number): FusedCandidate => ({
  chunk: {
    chunkId: `${documentId}:0`,
    tenantId: 't',
    documentId,
    ordinal: 0,
    page: 1,
    text: 'unrelated words',
    documentType: 'other',
    tags: [],
    fileName: `${documentId}.txt`,
    createdAt: '2024-01-01T00:00:00.000Z',
    score,
  } satisfies ChunkHit,
  keyword,
  cosine: score,
  score,
});
const query = (id: string, group: string, relevant: string, candidates: FusedCandidate[]): TrainingQuery => ({
  query: { id, group, q: 'query words', relevant: [relevant] },
  shared: ['query'],
  text: 'query words',
  candidates,
});

// A paraphrase whose document BM25 ranks first but the first stage second; a synonym query where the reverse holds.
const helped = query('p1', 'paraphrase', 'right', [candidate('stray', 0.9, 0), candidate('right', 0.8, 1)]);
const hurt = query('s1', 'synonym', 'right', [candidate('right', 0.9, 0), candidate('stray', 0.85, 1)]);

describe('learnRerankWeights', () => {
  it('learns a feature that lifts the relevant documents without losing any group', () => {
    const { weights } = learnRerankWeights([helped, helped], 50, 10);
    expect(weights.keyword).toBeGreaterThan(0);
  });

  it('keeps the first stage when a feature would gain overall but rank one group worse', () => {
    const { weights } = learnRerankWeights([helped, helped, helped, hurt], 50, 10);
    expect(weights).toEqual({ fused: 1, keyword: 0, cosine: 0, coverage: 0, title: 0, proximity: 0 });
  });
});
