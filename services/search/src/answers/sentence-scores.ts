import { contentWords, roughStem } from '../keyword-coverage';

/** How the extractive answerer weighs its evidence, and where it stops answering. */
export interface AnswerWeights {
  /** Weight of the sentence's cosine similarity to the question (the offline encoder). */
  similarity: number;
  /** Weight of the share of the question's terms the sentence contains (rarer terms among the candidates count more). */
  terms: number;
  /** Weight of the share of the question's terms its passage contains: the sentence's context is about the question. */
  context: number;
  /**
   * Factor for a sentence that cannot be the answer's kind: no number where the question asks for one (how much, when,
   * total…), or no word the question does not already have (a heading that repeats it).
   */
  mismatch: number;
  /** Below this score no sentence answers: the reply says the documents hold no answer. */
  threshold: number;
  /** A further sentence joins the answer only within this distance of the best one's score. */
  margin: number;
}

/** What says that one sentence answers the question, each on a 0…1 scale. */
export interface SentenceEvidence {
  similarity: number;
  terms: number;
  context: number;
  /** Whether it is the kind of sentence that can answer: a number where one is asked for, and something new. */
  fits: boolean;
}

// Words that shape a question but are never its subject: a sentence does not answer better for containing them.
const QUESTION_WORDS = new Set(
  'what whats which who whom whose when where why how much many does did do can could would should shall may might please tell me my we our us i you your has have had been being any some there here about give show list name find'.split(
    ' ',
  ),
);
// A question with one of these asks for an amount, a count, a share or a date: its answer holds a digit.
const ASKS_FOR_NUMBER =
  /\b(how (much|many|long|often|far|old|soon|quickly|high|large)|when|what (date|day|year|time)|cost|price|fee|total|amount|rate|rent|percent\w*|share|sum|balance|charge|tax|deadline|due)\b/i;

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
 * For each text, the share of the question's terms it contains, each term weighted by its rarity among the
 * texts (inverse document frequency): "invoice" in every passage says less than "IBAN" in one.
 */
export function termOverlaps(terms: readonly string[], texts: readonly string[]): number[] {
  if (terms.length === 0) return texts.map(() => 0);
  const stems = texts.map((text) => new Set(contentWords(text).map(roughStem)));
  const weights = terms.map((term) => Math.log(1 + (texts.length + 1) / (1 + stems.filter((set) => set.has(term)).length)));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return stems.map((set) => terms.reduce((sum, term, i) => sum + (set.has(term) ? weights[i] : 0), 0) / total);
}

/** Whether the sentence can be an answer to the question at all, by its kind (see AnswerWeights.mismatch). */
export function fitsQuestion(question: string, sentence: string): boolean {
  if (ASKS_FOR_NUMBER.test(question) && !/\d/.test(sentence)) return false;
  const asked = new Set(questionTerms(question));
  return contentWords(sentence).some((word) => !asked.has(roughStem(word)));
}

/** The combined score of each sentence on a 0…1 scale: weighted evidence, times the mismatch factor when it does not fit. */
export function sentenceScores(evidence: readonly SentenceEvidence[], weights: AnswerWeights): number[] {
  const sum = weights.similarity + weights.terms + weights.context;
  return evidence.map((e) => {
    const mixed = (weights.similarity * Math.max(0, e.similarity) + weights.terms * e.terms + weights.context * e.context) / sum;
    return e.fits ? mixed : mixed * weights.mismatch;
  });
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
