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

/** The answer's sentences (none: the passages hold no answer), and which answerer chose them. */
export interface Answered {
  sentences: AnswerSentence[];
  answerer: { name: string; version: string };
}

/** Answers a question from passages: the offline extractive answerer, or an LLM on Ollama (which falls back to it). */
export interface Answerer {
  answer(question: string, passages: readonly Passage[], maxSentences: number): Promise<Answered>;
}
