import { Inject, Injectable } from '@nestjs/common';
import { NO_ANSWER, type AskQuestion, type ResponseOf } from '@docpipe/contracts';
import { AppError } from '@docpipe/platform';
import type { z } from 'zod';
import { ExtractiveAnswerer } from './adapters/extractive.answerer';
import type { AnswerWeights } from './answers/sentence-scores';
import { citationOf, passageView, quoted } from './answers/citations';
import { questionTerms } from './answers/sentence-scores';
import { ANSWER_WEIGHTS } from './providers';
import { parseQuery } from './query-operators';
import { SearchService } from './search.service';

export type AskRequest = z.output<(typeof AskQuestion)['request']>;

/** Answers a question from one tenant's documents: hybrid search finds the passages, the answerer quotes from them. */
@Injectable()
export class AskService {
  constructor(
    @Inject(SearchService) private readonly search: SearchService,
    @Inject(ANSWER_WEIGHTS) private readonly weights: AnswerWeights,
  ) {}

  async ask(request: AskRequest): Promise<ResponseOf<typeof AskQuestion>> {
    const startedAt = performance.now();
    const question = parseQuery(request.question).text;
    if (questionTerms(question).length === 0)
      throw new AppError(
        'question_without_terms',
        `"${request.question}" names nothing to look for; ask about something your documents say, e.g. "What is the total of the Northwind invoice?"`,
      );
    const { passages, embedder } = await this.search.passages(request, request.passages);
    // The answerer reads with the embedder of the index the passages came from (a re-embedding may switch it).
    const answerer = new ExtractiveAnswerer(embedder, this.weights);
    const sentences = await answerer.answer(question, passages, request.sentences);
    return {
      found: sentences.length > 0,
      answer: sentences.length > 0 ? sentences.map(quoted).join(' ') : NO_ANSWER,
      sentences: sentences.map((sentence) => ({ text: quoted(sentence), score: sentence.score, citation: citationOf(sentence) })),
      passages: passages.map(passageView),
      answerer: { name: answerer.name, version: answerer.version },
      tookMs: Math.round(performance.now() - startedAt),
    };
  }
}
