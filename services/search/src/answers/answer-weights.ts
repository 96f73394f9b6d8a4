import type { AnswerWeights } from './sentence-scores';

// Set by `npm run eval:ask` (it prints the weights and threshold it chose on the train half of its questions).
export const LEARNED_ANSWER_WEIGHTS: AnswerWeights = {
  similarity: 0.4,
  terms: 0.4,
  context: 0.2,
  mismatch: 0.5,
  threshold: 0.36,
  margin: 0.05,
};
