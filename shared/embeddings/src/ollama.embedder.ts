import type { Ollama } from 'ollama';
import { AppError, NonRetryableError, type Logger } from '@docpipe/platform';
import { callOllama, createOllamaClient, OllamaFailures, type RetryPolicy } from '@docpipe/ollama';
import { normalize, type Embedder } from './embedder';
import { embeddingModelProfile, type EmbeddingModelProfile } from './ollama-models';

export interface OllamaEmbedderOptions {
  host: string;
  model: string;
  /** The model's vector size (768 for nomic-embed-text); every answer is checked against it. */
  dimensions: number;
  /** Texts per /api/embed call. */
  batchSize: number;
  /** Each call is abandoned after this long (a cold model load included). */
  timeoutMs: number;
  /** How long Ollama keeps the model loaded after a call (a Go duration: "30m"). */
  keepAlive: string;
  retry?: RetryPolicy;
  logger?: Logger;
}

// No tokenizer averages more than ~6 characters a token, so this cut never removes what the model would read;
// it only spares sending what the server would cut anyway (it truncates to the context precisely).
const MAX_CHARS_PER_TOKEN = 6;
const UNKNOWN_CONTEXT_MAX_CHARS = 48_000;

/**
 * Embeddings from an Ollama server's /api/embed: batched input, the model's own document and query prefixes,
 * its full context (num_ctx), a timeout per call, transient failures retried with backoff.
 */
export class OllamaEmbedder implements Embedder {
  readonly name: string;
  readonly version: string;
  readonly dimensions: number;
  private readonly client: Ollama;
  private readonly profile: EmbeddingModelProfile;
  private readonly maxInputChars: number;
  private readonly failures: OllamaFailures;

  constructor(private readonly options: OllamaEmbedderOptions) {
    const colon = options.model.lastIndexOf(':');
    const tagged = colon > options.model.lastIndexOf('/');
    this.profile = embeddingModelProfile(options.model);
    const prefixed = this.profile.documentPrefix !== '' || this.profile.queryPrefix !== '';
    this.name = `ollama/${tagged ? options.model.slice(0, colon) : options.model}`;
    // Prefixed input gives other vectors than bare input did, so it names another index.
    this.version = `${tagged ? options.model.slice(colon + 1) : 'latest'}${prefixed ? '+task-prefixes' : ''}`;
    this.dimensions = options.dimensions;
    this.maxInputChars = this.profile.contextTokens ? this.profile.contextTokens * MAX_CHARS_PER_TOKEN : UNKNOWN_CONTEXT_MAX_CHARS;
    this.client = createOllamaClient(options.host, options.timeoutMs);
    this.failures = new OllamaFailures({
      host: options.host,
      model: options.model,
      timeoutMs: options.timeoutMs,
      logger: options.logger,
      timeoutVariable: 'OLLAMA_EMBED_TIMEOUT_MS',
      missingModelEvent: 'embedder.model-missing',
    });
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.options.batchSize) {
      const batch = texts.slice(start, start + this.options.batchSize);
      vectors.push(...(await this.embedBatch(batch.map((text) => this.input(this.profile.documentPrefix, text)))));
    }
    return vectors;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.embedBatch([this.input(this.profile.queryPrefix, text)]);
    return vector as Float32Array;
  }

  /** Nothing to release: each batch is its own HTTP request. */
  async close(): Promise<void> {}

  private input(prefix: string, text: string): string {
    return prefix + text.slice(0, this.maxInputChars - prefix.length);
  }

  private async embedBatch(input: string[]): Promise<Float32Array[]> {
    const request = {
      model: this.options.model,
      input,
      truncate: true,
      keep_alive: this.options.keepAlive,
      ...(this.profile.contextTokens ? { options: { num_ctx: this.profile.contextTokens } } : {}),
    };
    const response = await callOllama(() => this.client.embed(request), this.options.retry).catch((error: unknown) => {
      throw this.failure(error);
    });
    this.failures.succeeded();
    if (response.embeddings.length !== input.length) {
      throw new AppError('embedder_invalid_answer', `Ollama answered ${response.embeddings.length} embeddings for ${input.length} texts`);
    }
    return response.embeddings.map((embedding) => {
      if (embedding.length !== this.dimensions) {
        throw new AppError(
          'embedding_dimension_mismatch',
          `${this.options.model} gives ${embedding.length}-d vectors, not ${this.dimensions}: set OLLAMA_EMBED_DIMENSIONS=${embedding.length} and re-index`,
        );
      }
      return normalize(Float32Array.from(embedding));
    });
  }

  private failure(error: unknown): Error {
    const failure = this.failures.classify(error);
    if (failure.kind === 'model-missing') return failure.error;
    const message = `${failure.where} could not embed: ${failure.reason}`;
    if (failure.kind === 'rejected') return new NonRetryableError('embedder_rejected', message, { cause: error });
    return new AppError('embedder_unavailable', `${message}. Check that Ollama runs and is reachable.`, { cause: error });
  }
}
