import { Inject, Injectable } from '@nestjs/common';
import { NO_ANSWER, type AskQuestion, type ProgressOf, type ResponseOf } from '@docpipe/contracts';
import { AppError, LOGGER, type Logger } from '@docpipe/platform';
import type { z } from 'zod';
import { ExtractiveAnswerer } from './adapters/extractive.answerer';
import { OllamaAnswerer, type OllamaAnswerSettings } from './adapters/ollama.answerer';
import type { AnswerWeights } from './answers/sentence-scores';
import { citationOf, passageView, quoted } from './answers/citations';
import { questionTerms } from './answers/sentence-scores';
import { ANSWER_WEIGHTS, OLLAMA_ANSWERS } from './providers';
import { parseQuery } from './query-operators';
import { SearchService } from './search.service';

export type AskRequest = z.output<(typeof AskQuestion)['request']>;
type PassageView = ProgressOf<typeof AskQuestion>['passages'][number];

/**
 * Answers a question from one tenant's documents: hybrid search finds the passages, the answerer quotes from them
 * (the extractive one offline, an LLM on Ollama with OLLAMA_HOST set).
 */
@Injectable()
export class AskService {
  constructor(
    @Inject(SearchService) private readonly search: SearchService,
    @Inject(ANSWER_WEIGHTS) private readonly weights: AnswerWeights,
    @Inject(OLLAMA_ANSWERS) private readonly ollama: OllamaAnswerSettings | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `onPassages` gets the passages as soon as they are found, before the answerer has read them. */
  async ask(request: AskRequest, onPassages?: (passages: PassageView[]) => void): Promise<ResponseOf<typeof AskQuestion>> {
    const startedAt = performance.now();
    const question = parseQuery(request.question).text;
    if (questionTerms(question).length === 0)
      throw new AppError(
        'question_without_terms',
        `"${request.question}" names nothing to look for; ask about something your documents say, e.g. "What is the total of the Northwind invoice?"`,
      );
    const { passages, embedder } = await this.search.passages(request, request.passages);
    const views = passages.map(passageView);
    onPassages?.(views);
    // The answerer reads with the embedder of the index the passages came from (a re-embedding may switch it).
    const extractive = new ExtractiveAnswerer(embedder, this.weights);
    const answerer = this.ollama ? new OllamaAnswerer(this.ollama, extractive, this.logger) : extractive;
    const { sentences, answerer: by } = await answerer.answer(question, passages, request.sentences);
    return {
      found: sentences.length > 0,
      answer: sentences.length > 0 ? sentences.map(quoted).join(' ') : NO_ANSWER,
      sentences: sentences.map((sentence) => ({ text: quoted(sentence), score: sentence.score, citation: citationOf(sentence) })),
      passages: views,
      answerer: by,
      tookMs: Math.round(performance.now() - startedAt),
    };
  }
}
