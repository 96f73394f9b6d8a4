import type { AnswerWeights } from './sentence-scores';

// Set by `npm run eval:ask` (it prints the weights and threshold it chose on the train half of its questions).
export const LEARNED_ANSWER_WEIGHTS: AnswerWeights = { similarity: 0.5, terms: 0.5, threshold: 0.45, margin: 0.05 };
