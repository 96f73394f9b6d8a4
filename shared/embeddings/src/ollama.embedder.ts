import { Ollama } from 'ollama';
import { AppError, errorMessage } from '@docpipe/platform';
import { normalize, type Embedder } from './embedder';

export interface OllamaEmbedderOptions {
  host: string;
  model: string;
  /** The model's vector size (768 for nomic-embed-text); every answer is checked against it. */
  dimensions: number;
  /** Texts per /api/embed call. */
  batchSize: number;
}

/** Embeddings from an Ollama server's /api/embed (batched input, truncated to the model's context). */
export class OllamaEmbedder implements Embedder {
  readonly name: string;
  readonly version: string;
  readonly dimensions: number;
  private readonly client: Ollama;

  constructor(private readonly options: OllamaEmbedderOptions) {
    const colon = options.model.lastIndexOf(':');
    const tagged = colon > options.model.lastIndexOf('/');
    this.name = `ollama/${tagged ? options.model.slice(0, colon) : options.model}`;
    this.version = tagged ? options.model.slice(colon + 1) : 'latest';
    this.dimensions = options.dimensions;
    this.client = new Ollama({ host: options.host });
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.options.batchSize) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + this.options.batchSize))));
    }
    return vectors;
  }

  /** Nothing to release: each batch is its own HTTP request. */
  async close(): Promise<void> {}

  private async embedBatch(input: string[]): Promise<Float32Array[]> {
    const response = await this.client.embed({ model: this.options.model, input, truncate: true }).catch((error: unknown) => {
      throw new AppError(
        'embedder_unavailable',
        `Ollama at ${this.options.host} could not embed with ${this.options.model}: ${errorMessage(error)}. ` +
          `Check that Ollama runs and the model is pulled (ollama pull ${this.options.model}).`,
        { cause: error },
      );
    });
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
}
