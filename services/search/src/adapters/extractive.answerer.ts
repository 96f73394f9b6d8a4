import { cosineSimilarity, type Embedder } from '@docpipe/embeddings';
import type { Answered, Answerer, Passage } from '../answers/answerer';
import {
  chooseSentences,
  fitsQuestion,
  questionTerms,
  sentenceScores,
  termOverlaps,
  type AnswerWeights,
  type SentenceEvidence,
} from '../answers/sentence-scores';
import { splitSentences } from '../answers/sentences';

/** A sentence of a passage with the evidence that it answers the question. */
export interface CandidateSentence {
  passage: Passage;
  start: number;
  end: number;
  text: string;
  evidence: SentenceEvidence;
}

/**
 * The offline answerer: the passages' sentences that answer the question best, by the encoder's similarity to the
 * question and the question's terms they contain, quoted as they stand. It cannot write a sentence of its own.
 */
export class ExtractiveAnswerer implements Answerer {
  // 2: a table row is quoted without its outer pipes and scored as read with its column names.
  static readonly id = { name: 'extractive', version: '2' };

  constructor(
    private readonly embedder: Embedder,
    private readonly weights: AnswerWeights,
  ) {}

  async answer(question: string, passages: readonly Passage[], maxSentences: number): Promise<Answered> {
    const candidates = await this.candidates(question, passages);
    const scores = sentenceScores(
      candidates.map((candidate) => candidate.evidence),
      this.weights,
    );
    const sentences = chooseSentences(scores, this.weights, maxSentences).map((i) => ({
      passage: candidates[i].passage,
      start: candidates[i].start,
      end: candidates[i].end,
      score: scores[i],
    }));
    return { sentences, answerer: ExtractiveAnswerer.id };
  }

  /** Every sentence of the passages with its evidence (public so the evaluation can try weights and thresholds on them). */
  async candidates(question: string, passages: readonly Passage[]): Promise<CandidateSentence[]> {
    const sentences = passages.flatMap((passage) =>
      splitSentences(passage.chunk.text).map(({ start, end, reading }) => {
        const text = passage.chunk.text.slice(start, end);
        // A table row is judged by what it says with its column names; the answer still quotes the row as it stands.
        return { passage, start, end, text, reading: reading ?? text };
      }),
    );
    if (sentences.length === 0) return [];
    const [questionVector, vectors] = await Promise.all([
      this.embedder.embedQuery(question),
      this.embedder.embed(sentences.map((sentence) => sentence.reading)),
    ]);
    const terms = questionTerms(question);
    const overlaps = termOverlaps(
      terms,
      sentences.map((sentence) => sentence.reading),
    );
    const contexts = termOverlaps(
      terms,
      passages.map((passage) => passage.chunk.text),
    );
    return sentences.map(({ reading, ...sentence }, i) => ({
      ...sentence,
      evidence: {
        similarity: cosineSimilarity(questionVector, vectors[i]),
        terms: overlaps[i],
        context: contexts[passages.indexOf(sentence.passage)],
        fits: fitsQuestion(question, reading),
      },
    }));
  }
}
