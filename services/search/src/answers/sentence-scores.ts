import { contentWords, roughStem } from '../keyword-coverage';

/** How the extractive answerer weighs its two kinds of evidence, and where it stops answering. */
export interface AnswerWeights {
  /** Weight of the sentence's cosine similarity to the question (the offline encoder). */
  similarity: number;
  /** Weight of the share of the question's terms the sentence contains (rarer terms among the candidates count more). */
  terms: number;
  /** Below this score no sentence answers: the reply says the documents hold no answer. */
  threshold: number;
  /** A further sentence joins the answer only within this distance of the best one's score. */
  margin: number;
}

// Words that shape a question but are never its subject: a sentence does not answer better for containing them.
const QUESTION_WORDS = new Set(
  'what whats which who whom whose when where why how much many does did do can could would should shall may might please tell me my we our us i you your has have had been being any some there here about give show list name find'.split(
    ' ',
  ),
);

/** The question's content words, as rough stems, without the words that only make it a question. */
export function questionTerms(question: string): string[] {
  return [
    ...new Set(
      contentWords(question)
        .filter((word) => !QUESTION_WORDS.has(word))
        .map(roughStem),
    ),
  ];
}

/**
 * For each sentence, the share of the question's terms it contains, each term weighted by its rarity among the
 * candidate sentences (inverse document frequency): "invoice" in every passage says less than "IBAN" in one.
 */
export function termOverlaps(terms: readonly string[], sentences: readonly string[]): number[] {
  if (terms.length === 0) return sentences.map(() => 0);
  const stems = sentences.map((sentence) => new Set(contentWords(sentence).map(roughStem)));
  const weights = terms.map((term) => Math.log(1 + (sentences.length + 1) / (1 + stems.filter((set) => set.has(term)).length)));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return stems.map((set) => terms.reduce((sum, term, i) => sum + (set.has(term) ? weights[i] : 0), 0) / total);
}

/** The combined score of each sentence: weighted similarity and term overlap, on a 0…1 scale. */
export function sentenceScores(similarities: readonly number[], overlaps: readonly number[], weights: AnswerWeights): number[] {
  const sum = weights.similarity + weights.terms;
  return similarities.map((similarity, i) => (weights.similarity * Math.max(0, similarity) + weights.terms * overlaps[i]) / sum);
}

/**
 * Which sentences answer, best first: none when the best is below the threshold; otherwise the best and those
 * within the margin of it (also at or above the threshold), at most `max`.
 */
export function chooseSentences(scores: readonly number[], weights: AnswerWeights, max: number): number[] {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const best = scores[order[0]] ?? 0;
  if (order.length === 0 || best < weights.threshold) return [];
  return order.filter((i) => scores[i] >= weights.threshold && scores[i] >= best - weights.margin).slice(0, max);
}
