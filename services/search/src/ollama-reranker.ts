import { callOllama, createOllamaClient, isModelMissing, OllamaModelMissingError, type RetryPolicy } from '@docpipe/ollama';
import { errorMessage, type Logger } from '@docpipe/platform';
import type { ScoredChunk } from './document-results';

export interface OllamaRerankSettings {
  host: string;
  model: string;
  /** Candidates (best first after the offline reranker) the model sees; the rest keep their order below them. */
  top: number;
  /** Characters of each chunk in the prompt: the context window is finite and a chunk's start says most about it. */
  maxChars: number;
  /** A search waits this long for the model, then answers in the offline order. */
  timeoutMs: number;
  keepAlive: string;
  retry?: RetryPolicy;
}

const INSTRUCTIONS =
  'You rank passages for a document search. Given a query and numbered passages, answer with the numbers of the ' +
  'passages that help answer the query, most relevant first. Leave out passages that do not help.';

/**
 * Listwise reranking by an LLM on Ollama's /api/chat with a structured output ({ ranking: [passage numbers] }),
 * temperature 0. The passages it names come first in its order, the others keep the offline order after them.
 * A search must answer even when the model cannot: a failure (timeout, server busy, model not pulled) is logged
 * with what to do, and the offline order is returned.
 */
export class OllamaReranker {
  private readonly client: ReturnType<typeof createOllamaClient>;

  constructor(
    private readonly settings: OllamaRerankSettings,
    private readonly logger: Logger,
  ) {
    this.client = createOllamaClient(settings.host, settings.timeoutMs);
  }

  async rerank(query: string, ranked: ScoredChunk[]): Promise<ScoredChunk[]> {
    const head = ranked.slice(0, this.settings.top);
    if (head.length < 2) return ranked;
    let order: number[];
    try {
      order = await this.ask(query, head);
    } catch (error) {
      const failure = isModelMissing(error)
        ? new OllamaModelMissingError(this.settings.host, this.settings.model, { cause: error })
        : error;
      this.logger.warn(
        { event: 'search.rerank-unavailable', err: failure, model: this.settings.model },
        `Ollama reranking failed (${errorMessage(failure)}); answering in the offline reranker's order`,
      );
      return ranked;
    }
    const named = [...new Set(order.filter((n) => Number.isInteger(n) && n >= 1 && n <= head.length))].map((n) => head[n - 1]);
    const rest = head.filter((chunk) => !named.includes(chunk));
    // Scores fall with the new order and stay above the candidates the model did not see.
    return [...named, ...rest, ...ranked.slice(head.length)].map((scored, i, all) => ({ chunk: scored.chunk, score: all.length - i }));
  }

  private async ask(query: string, head: readonly ScoredChunk[]): Promise<number[]> {
    const passages = head.map(
      ({ chunk }, i) => `[${i + 1}] ${chunk.fileName}: ${chunk.text.slice(0, this.settings.maxChars).replace(/\s+/g, ' ')}`,
    );
    const request = {
      model: this.settings.model,
      messages: [
        { role: 'system', content: INSTRUCTIONS },
        { role: 'user', content: `Query: ${query}\n\nPassages:\n${passages.join('\n')}` },
      ],
      format: {
        type: 'object',
        properties: { ranking: { type: 'array', items: { type: 'integer', minimum: 1, maximum: head.length } } },
        required: ['ranking'],
      },
      stream: false as const,
      keep_alive: this.settings.keepAlive,
      options: { temperature: 0, num_ctx: contextWindow(passages.join('').length + query.length) },
    };
    const response = await callOllama(() => this.client.chat(request), this.settings.retry);
    const answer: unknown = JSON.parse(response.message.content);
    const ranking = (answer as { ranking?: unknown } | null)?.ranking;
    if (!Array.isArray(ranking)) throw new Error(`the model answered without a ranking: ${response.message.content.slice(0, 200)}`);
    return ranking.filter((n): n is number => typeof n === 'number');
  }
}

/** A context that holds the prompt (about 3 characters a token, with room for the instructions and the answer). */
function contextWindow(promptChars: number): number {
  return 2 ** Math.max(11, Math.ceil(Math.log2(promptChars / 3 + 512)));
}
