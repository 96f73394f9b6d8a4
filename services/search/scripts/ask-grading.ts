/* Grades the extractive answers of the ask evaluation and learns the answerer's weights and threshold on its train half. */
import type { CandidateSentence } from '../src/adapters/extractive.answerer';
import { chooseSentences, sentenceScores, type AnswerWeights } from '../src/answers/sentence-scores';

export interface AskCase {
  id: string;
  q: string;
  /** What the answer must contain, and the document it must cite; both null for a question the documents do not answer. */
  fact: string | null;
  document: string | null;
  split: 'train' | 'test';
  /** The sentences of the passages retrieved for it, with their evidence. */
  candidates: CandidateSentence[];
  /** The documents of those passages. */
  retrieved: string[];
}

export interface Grade {
  /** Answerable: the answer holds the fact and a citation names its document. */
  right: boolean;
  /** Answerable: a citation names the expected document (the fact aside). */
  citesDocument: boolean;
  /** Whether the answerer answered at all (found: true). */
  found: boolean;
  answer: string;
  cited: string[];
}

/** The answer the weights give for the case, graded. Sentences at most as many as the service's default. */
export function grade(item: AskCase, weights: AnswerWeights, maxSentences: number): Grade {
  const scores = sentenceScores(
    item.candidates.map((candidate) => candidate.evidence),
    weights,
  );
  const chosen = chooseSentences(scores, weights, maxSentences).map((i) => item.candidates[i]);
  const answer = chosen.map((sentence) => sentence.text.replace(/\s+/g, ' ').trim()).join(' ');
  const cited = [...new Set(chosen.map((sentence) => sentence.passage.chunk.documentId))];
  const citesDocument = item.document !== null && cited.includes(item.document);
  const holdsFact = item.fact !== null && normalized(answer).includes(normalized(item.fact));
  return { right: holdsFact && citesDocument, citesDocument, found: chosen.length > 0, answer, cited };
}

export interface Scores {
  answerable: number;
  unanswerable: number;
  /** Answerable questions answered with the fact, citing the right document. */
  right: number;
  /** Answerable questions whose answer cites the right document. */
  citing: number;
  /** Unanswerable questions declined (found: false). */
  declined: number;
  /** Answerable questions whose document was among the passages read (what the answerer could at best do). */
  retrieved: number;
}

export function score(cases: readonly AskCase[], weights: AnswerWeights, maxSentences: number): Scores {
  const graded = cases.map((item) => ({ item, grade: grade(item, weights, maxSentences) }));
  const answerable = graded.filter(({ item }) => item.document !== null);
  const unanswerable = graded.filter(({ item }) => item.document === null);
  const share = (items: typeof graded, test: (entry: (typeof graded)[number]) => boolean) =>
    items.length === 0 ? 0 : items.filter(test).length / items.length;
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    right: share(answerable, ({ grade }) => grade.right),
    citing: share(answerable, ({ grade }) => grade.citesDocument),
    declined: share(unanswerable, ({ grade }) => !grade.found),
    retrieved: share(answerable, ({ item }) => item.retrieved.includes(item.document ?? '')),
  };
}

// The evidence weights on a grid of tenths summing to 1, and the threshold; the mismatch factor and the margin stay as
// set before measuring (LEARNED_ANSWER_WEIGHTS): with 38 train questions, a larger grid only fits them better.
const TENTHS = Array.from({ length: 11 }, (_, i) => i / 10);
const THRESHOLDS = Array.from({ length: 51 }, (_, i) => Math.round((0.15 + i * 0.01) * 100) / 100);

/**
 * The weights and threshold with the best balanced accuracy on the cases (the mean of the share answered right and
 * the share of unanswerable ones declined): declining everything scores 0.5 at most, answering everything as much
 * as it gets right. Ties go to the higher threshold (the more cautious answerer).
 */
export function learnWeights(
  cases: readonly AskCase[],
  fixed: Pick<AnswerWeights, 'mismatch' | 'margin'>,
  maxSentences: number,
): { weights: AnswerWeights; objective: number; tried: number } {
  let best: { weights: AnswerWeights; objective: number } | null = null;
  let tried = 0;
  for (const similarity of TENTHS)
    for (const terms of TENTHS.filter((value) => similarity + value <= 1 + 1e-9))
      for (const threshold of THRESHOLDS) {
        const context = Math.round((1 - similarity - terms) * 10) / 10;
        const weights = { similarity, terms, context, ...fixed, threshold };
        const result = score(cases, weights, maxSentences);
        const objective = (result.right + result.declined) / 2;
        tried++;
        const tie = Math.abs(objective - (best?.objective ?? -1)) <= 1e-9;
        if (!best || objective > best.objective + 1e-9 || (tie && threshold > best.weights.threshold)) best = { weights, objective };
      }
  if (!best) throw new Error('no cases to learn the answer weights on');
  return { ...best, tried };
}

function normalized(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
