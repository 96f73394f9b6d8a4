import { OTHER_DOCUMENT_TYPE, type ExtractedText } from '@docpipe/contracts';
import type { Message, Ollama } from 'ollama';
import { callOllama, createOllamaClient, OllamaFailures, type RetryPolicy } from '@docpipe/ollama';
import type { Logger } from '@docpipe/platform';
import type { Classification, ClassifierId, DocumentClassifier } from '../classifier';
import { ClassifierRejectedError, ClassifierUnavailableError } from '../errors';
import { type Taxonomy } from '../taxonomy';
import { answerFormat, classificationPrompt, contextWindow, correction, parseAnswer, promptFor, PROMPT_VERSION } from './ollama.prompt';

export interface OllamaSettings {
  host: string;
  model: string;
  /** Each call is abandoned after this long. */
  timeoutMs: number;
  /** Characters of the document sent: the context window is finite and the beginning says most about the type. */
  maxChars: number;
  /** How long Ollama keeps the model loaded after a call (a Go duration: "30m"). */
  keepAlive: string;
  retry?: RetryPolicy;
}

/** What an answer outside the taxonomy, twice, is worth. */
export const FALLBACK_CONFIDENCE = 0.1;

/**
 * The LLM engine: Ollama's /api/chat with structured outputs (a JSON schema whose `type` is an enum
 * of the taxonomy), temperature 0, a context window that holds the prompt. An answer outside the taxonomy is
 * asked again once, then counts as `other` with low confidence. A busy or unreachable server is retried with
 * backoff; a timeout, a 5xx that persists and a model not pulled yet are retryable errors, other 4xx are not.
 */
export class OllamaClassifier implements DocumentClassifier {
  readonly id: ClassifierId;
  private readonly client: Ollama;
  /** The context the longest English prompt needs: most documents then share one size and the model stays loaded. */
  private readonly contextFloor: number;
  private readonly failures: OllamaFailures;

  constructor(
    private readonly settings: OllamaSettings,
    private readonly taxonomy: Taxonomy,
    private readonly logger: Logger,
  ) {
    this.client = createOllamaClient(settings.host, settings.timeoutMs);
    this.failures = new OllamaFailures({
      host: settings.host,
      model: settings.model,
      timeoutMs: settings.timeoutMs,
      timeoutVariable: 'OLLAMA_TIMEOUT_MS',
      missingModelEvent: 'classifier.model-missing',
      logger,
    });
    this.id = { name: 'ollama', version: `${settings.model}/${PROMPT_VERSION}` };
    const longest = promptFor('x'.repeat(settings.maxChars + 1), taxonomy, settings.maxChars);
    this.contextFloor = contextWindow([...longest, ...correction('x'.repeat(200), taxonomy)]);
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
    return { documentType: OTHER_DOCUMENT_TYPE, confidence: FALLBACK_CONFIDENCE };
  }

  private async ask(messages: Message[]): Promise<string> {
    const request = {
      model: this.settings.model,
      messages,
      format: answerFormat(this.taxonomy),
      stream: false as const,
      keep_alive: this.settings.keepAlive,
      options: { temperature: 0, num_ctx: contextWindow(messages, this.contextFloor) },
    };
    try {
      const response = await callOllama(() => this.client.chat(request), this.settings.retry);
      this.failures.succeeded();
      return response.message.content;
    } catch (error) {
      throw this.failure(error);
    }
  }

  private failure(error: unknown): Error {
    const failure = this.failures.classify(error);
    if (failure.kind === 'model-missing') return failure.error;
    const message = `${failure.where} ${failure.reason}`;
    if (failure.kind === 'rejected') return new ClassifierRejectedError(message, { cause: error });
    return new ClassifierUnavailableError(message, { cause: error });
  }
}
