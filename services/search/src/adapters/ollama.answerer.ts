import { callOllama, createOllamaClient, isModelMissing, OllamaModelMissingError, type RetryPolicy } from '@docpipe/ollama';
import { errorMessage, type Logger } from '@docpipe/platform';
import type { Answered, Answerer, Passage } from '../answers/answerer';
import { locateQuote } from '../answers/quotes';

export interface OllamaAnswerSettings {
  host: string;
  model: string;
  /** Characters of each passage in the prompt: the context window is finite. */
  maxChars: number;
  /** An answer waits this long for the model, then comes from the offline answerer. */
  timeoutMs: number;
  keepAlive: string;
  retry?: RetryPolicy;
}

const INSTRUCTIONS =
  "You answer a question from numbered passages of the user's documents. Answer only with sentences copied word for " +
  'word from the passages, each with the number of the passage it comes from, the sentence that answers best first. ' +
  'If no passage answers the question, answer with an empty list. Never use knowledge of your own.';

// A model's answer, cited sentence by sentence, never otherwise: a quote names its passage.
const ANSWER_FORMAT = (passages: number) => ({
  type: 'object',
  properties: {
    sentences: {
      type: 'array',
      items: {
        type: 'object',
        properties: { passage: { type: 'integer', minimum: 1, maximum: passages }, quote: { type: 'string' } },
        required: ['passage', 'quote'],
      },
    },
  },
  required: ['sentences'],
});

/**
 * The answerer with OLLAMA_HOST set: an LLM on Ollama's /api/chat picks the sentences that answer from the numbered
 * passages (structured output, temperature 0). Each quote is looked up in the passage it names: one that does not
 * stand there word for word is dropped, so the answer still holds only the documents' own sentences. When the model
 * cannot answer (timeout, server busy, model not pulled), the offline answerer does, with a warning naming the fix.
 */
export class OllamaAnswerer implements Answerer {
  private readonly client: ReturnType<typeof createOllamaClient>;

  constructor(
    private readonly settings: OllamaAnswerSettings,
    private readonly fallback: Answerer,
    private readonly logger: Logger,
  ) {
    this.client = createOllamaClient(settings.host, settings.timeoutMs);
  }

  async answer(question: string, passages: readonly Passage[], maxSentences: number): Promise<Answered> {
    const answerer = { name: 'ollama', version: this.settings.model };
    if (passages.length === 0) return { sentences: [], answerer };
    let quotes: { passage: number; quote: string }[];
    try {
      quotes = await this.ask(question, passages);
    } catch (error) {
      const failure = isModelMissing(error)
        ? new OllamaModelMissingError(this.settings.host, this.settings.model, { cause: error })
        : error;
      this.logger.warn(
        { event: 'search.answer-unavailable', err: failure, model: this.settings.model },
        `Ollama answering failed (${errorMessage(failure)}); answering with the offline extractive answerer`,
      );
      return this.fallback.answer(question, passages, maxSentences);
    }
    const sentences = quotes.flatMap(({ passage: number, quote }, rank) => {
      const passage = passages[number - 1];
      const span = passage ? locateQuote(passage.chunk.text, quote) : null;
      if (!passage || !span) {
        this.logger.warn(
          { event: 'search.answer-unquoted', model: this.settings.model },
          `Dropped a sentence the model did not quote from passage ${number}`,
        );
        return [];
      }
      // The model gives an order, not a score: the first sentence counts most.
      return [{ passage, ...span, score: 1 / (rank + 1) }];
    });
    return { sentences: sentences.slice(0, maxSentences), answerer };
  }

  private async ask(question: string, passages: readonly Passage[]): Promise<{ passage: number; quote: string }[]> {
    const numbered = passages.map(({ chunk }, i) => `[${i + 1}] ${chunk.fileName}: ${chunk.text.slice(0, this.settings.maxChars)}`);
    const prompt = `Question: ${question}\n\nPassages:\n${numbered.join('\n\n')}`;
    const response = await callOllama(
      () =>
        this.client.chat({
          model: this.settings.model,
          messages: [
            { role: 'system', content: INSTRUCTIONS },
            { role: 'user', content: prompt },
          ],
          format: ANSWER_FORMAT(passages.length),
          stream: false as const,
          keep_alive: this.settings.keepAlive,
          options: { temperature: 0, num_ctx: contextWindow(prompt.length) },
        }),
      this.settings.retry,
    );
    const answer: unknown = JSON.parse(response.message.content);
    const sentences = (answer as { sentences?: unknown } | null)?.sentences;
    if (!Array.isArray(sentences)) throw new Error(`the model answered without sentences: ${response.message.content.slice(0, 200)}`);
    return sentences.filter((s): s is { passage: number; quote: string } => typeof s?.passage === 'number' && typeof s?.quote === 'string');
  }
}

/** A context that holds the prompt (about 3 characters a token, with room for the instructions and the answer). */
function contextWindow(promptChars: number): number {
  return 2 ** Math.max(11, Math.ceil(Math.log2(promptChars / 3 + 1024)));
}
