import { Ollama, type Message } from 'ollama';
import type { ExtractedText } from '@docpipe/events';
import { errorMessage, type Logger } from '@docpipe/platform';
import type { Classification, ClassifierId, DocumentClassifier } from '../classifier';
import { ClassifierRejectedError, ClassifierUnavailableError } from '../errors';
import { OTHER, type Taxonomy } from '../taxonomy';
import { answerFormat, classificationPrompt, correction, parseAnswer, PROMPT_VERSION } from './ollama.prompt';

export interface OllamaSettings {
  host: string;
  model: string;
  timeoutMs: number;
  /** Characters of the document sent: the context window is finite and the beginning says most about the type. */
  maxChars: number;
}

/** What an answer outside the taxonomy, twice, is worth. */
export const FALLBACK_CONFIDENCE = 0.1;

/**
 * The LLM engine: Ollama's /api/chat with structured outputs (a JSON schema whose `type` is an enum
 * of the taxonomy), temperature 0. An answer outside the taxonomy is asked again once, then counts as
 * `other` with low confidence. Timeouts, 5xx and an unreachable server are retryable errors.
 */
export class OllamaClassifier implements DocumentClassifier {
  readonly id: ClassifierId;
  private readonly client: Ollama;

  constructor(
    private readonly settings: OllamaSettings,
    private readonly taxonomy: Taxonomy,
    private readonly logger: Logger,
  ) {
    this.client = new Ollama({ host: settings.host, fetch: fetchWithTimeout(settings.timeoutMs) });
    this.id = { name: 'ollama', version: `${settings.model}/${PROMPT_VERSION}` };
  }

  async classify(text: ExtractedText): Promise<Classification> {
    const messages = classificationPrompt(text, this.taxonomy, this.settings.maxChars);
    const first = await this.ask(messages);
    const answer =
      parseAnswer(first, this.taxonomy) ?? parseAnswer(await this.ask([...messages, ...correction(first, this.taxonomy)]), this.taxonomy);
    if (answer) return { documentType: answer.type, confidence: answer.confidence };
    this.logger.warn(
      { event: 'classifier.invalid-answer', model: this.settings.model, answer: first.slice(0, 200) },
      'Ollama answered outside the taxonomy twice; classifying as other',
    );
    return { documentType: OTHER, confidence: FALLBACK_CONFIDENCE };
  }

  private async ask(messages: Message[]): Promise<string> {
    try {
      const response = await this.client.chat({
        model: this.settings.model,
        messages,
        format: answerFormat(this.taxonomy),
        stream: false,
        options: { temperature: 0 },
      });
      return response.message.content;
    } catch (error) {
      throw this.failure(error);
    }
  }

  private failure(error: unknown): Error {
    const where = `Ollama at ${this.settings.host} (model ${this.settings.model})`;
    const status = (error as { status_code?: unknown }).status_code;
    if (typeof status === 'number' && (status >= 500 || status === 429)) {
      return new ClassifierUnavailableError(`${where} answered ${status}: ${errorMessage(error)}`, { cause: error });
    }
    if (typeof status === 'number') {
      return new ClassifierRejectedError(
        `${where} refused the request with ${status}: ${errorMessage(error)}. Pull the model (ollama pull ${this.settings.model}) or set OLLAMA_MODEL`,
        { cause: error },
      );
    }
    const name = (error as { name?: unknown }).name;
    if (name === 'TimeoutError') {
      return new ClassifierUnavailableError(`${where} did not answer within ${this.settings.timeoutMs} ms`, { cause: error });
    }
    return new ClassifierUnavailableError(`${where} failed: ${errorMessage(error)}`, { cause: error });
  }
}

/** Every request is abandoned after timeoutMs, so a stuck server frees the message for a retry. */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}
