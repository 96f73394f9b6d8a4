import type { ChunkHit } from '@docpipe/search-index';

/** A retrieved passage the answerer reads, as hybrid search ranked it for the question. */
export interface Passage {
  chunk: ChunkHit;
  score: number;
}

/** A sentence of the answer: a character range of one passage's text, never text of the answerer's own. */
export interface AnswerSentence {
  passage: Passage;
  start: number;
  end: number;
  score: number;
}

/** Writes the answer to a question from passages: an empty list means the passages hold none. */
export interface Answerer {
  readonly name: string;
  readonly version: string;
  answer(question: string, passages: readonly Passage[], maxSentences: number): Promise<AnswerSentence[]>;
}
