import { cosineSimilarity, type Embedder } from '@docpipe/embeddings';
import type { Answerer, AnswerSentence, Passage } from '../answers/answerer';
import { chooseSentences, questionTerms, sentenceScores, termOverlaps, type AnswerWeights } from '../answers/sentence-scores';
import { splitSentences } from '../answers/sentences';

/** A sentence of a passage with the evidence that it answers the question. */
export interface CandidateSentence {
  passage: Passage;
  start: number;
  end: number;
  text: string;
  /** Cosine similarity of its vector and the question's. */
  similarity: number;
  /** The weighted share of the question's terms it contains. */
  overlap: number;
}

/**
 * The offline answerer: the passages' sentences that answer the question best, by the encoder's similarity to the
 * question and the question's terms they contain, quoted as they stand. It cannot write a sentence of its own.
 */
export class ExtractiveAnswerer implements Answerer {
  readonly name = 'extractive';
  readonly version = '1';

  constructor(
    private readonly embedder: Embedder,
    private readonly weights: AnswerWeights,
  ) {}

  async answer(question: string, passages: readonly Passage[], maxSentences: number): Promise<AnswerSentence[]> {
    const candidates = await this.candidates(question, passages);
    const scores = sentenceScores(
      candidates.map((candidate) => candidate.similarity),
      candidates.map((candidate) => candidate.overlap),
      this.weights,
    );
    return chooseSentences(scores, this.weights, maxSentences).map((i) => ({
      passage: candidates[i].passage,
      start: candidates[i].start,
      end: candidates[i].end,
      score: scores[i],
    }));
  }

  /** Every sentence of the passages with its evidence (public so the evaluation can try weights and thresholds on them). */
  async candidates(question: string, passages: readonly Passage[]): Promise<CandidateSentence[]> {
    const sentences = passages.flatMap((passage) =>
      splitSentences(passage.chunk.text).map(({ start, end }) => ({ passage, start, end, text: passage.chunk.text.slice(start, end) })),
    );
    if (sentences.length === 0) return [];
    const [questionVector, vectors] = await Promise.all([
      this.embedder.embedQuery(question),
      this.embedder.embed(sentences.map((sentence) => sentence.text)),
    ]);
    const overlaps = termOverlaps(
      questionTerms(question),
      sentences.map((sentence) => sentence.text),
    );
    return sentences.map((sentence, i) => ({
      ...sentence,
      similarity: cosineSimilarity(questionVector, vectors[i]),
      overlap: overlaps[i],
    }));
  }
}
