import type { RerankWeights } from './feature-reranker';

/**
 * The offline reranker's weights, learned by `npm run eval:search` on the train half of its queries (it prints
 * them); the held-out half measures them.
 */
export const LEARNED_RERANK_WEIGHTS: RerankWeights = { fused: 1, keyword: 0, cosine: 0, coverage: 0, title: 0, proximity: 0 };
