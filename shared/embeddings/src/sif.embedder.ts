import { normalize, type Embedder } from './embedder';
import { lookupForms, tokenize } from './tokenize';
import type { WordVectors } from './word-vectors';

export interface SifOptions {
  /** SIF smoothing a: a word of probability p weighs a / (a + p). Arora et al. (2017) found 1e-4…1e-3 best. */
  smoothing: number;
  /** Common directions removed from every sentence vector ("all-but-the-top": about dimensions / 100). */
  removedComponents: number;
  /** How many of the most frequent words the mean and the common directions are estimated from. */
  referenceWords: number;
}

export const defaultSifOptions: SifOptions = { smoothing: 1e-3, removedComponents: 1, referenceWords: 50_000 };

// Zipf–Mandelbrot offset: with it, frequency ∝ 1 / (rank + 2.7) fits English word counts well.
const ZIPF_OFFSET = 2.7;
const ALGORITHM_VERSION = '1';

/**
 * Sentence embeddings from pretrained word vectors, after Arora, Liang & Ma, "A Simple but Tough-to-Beat
 * Baseline for Sentence Embeddings" (ICLR 2017): the average of the text's word vectors weighted by
 * a / (a + p(w)), so frequent words count little, minus the directions every text shares, L2-normalised.
 *
 * p(w) comes from the word's frequency rank (the vocabulary is ordered by corpus frequency) through
 * Zipf's law. The shared directions are the vocabulary mean and its first principal components
 * (Mu & Viswanath, "All-but-the-Top", ICLR 2018), estimated on the most frequent words: the model ships no
 * text corpus, and these are what the SIF paper's common component mostly captures.
 */
export class SifEmbedder implements Embedder {
  readonly name: string;
  readonly version: string;
  readonly dimensions: number;
  private readonly weights: Float32Array;
  private readonly mean: Float32Array;
  private readonly components: Float32Array[];

  constructor(
    private readonly vectors: WordVectors,
    options: SifOptions = defaultSifOptions,
  ) {
    this.dimensions = vectors.dimensions;
    this.name = `sif-glove-${vectors.dimensions}d`;
    this.version = `${ALGORITHM_VERSION}-a${options.smoothing}-pc${options.removedComponents}+${vectors.source}`;
    this.weights = sifWeights(vectors.size, options.smoothing);
    const reference = Math.min(options.referenceWords, vectors.size);
    this.mean = meanRow(vectors, reference);
    this.components = principalComponents(vectors, this.mean, reference, options.removedComponents);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  /** Nothing to release: the word vectors live on the main thread's heap. */
  async close(): Promise<void> {}

  /** How many of a text's words the model knows: a text with none embeds to the zero vector. */
  knownWords(text: string): number {
    return this.rowsOf(text).length;
  }

  private embedOne(text: string): Float32Array {
    const rows = this.rowsOf(text);
    const sentence = new Float32Array(this.dimensions);
    if (rows.length === 0) return sentence;
    let weightSum = 0;
    for (const row of rows) {
      const weight = this.weights[row];
      weightSum += weight;
      const offset = row * this.dimensions;
      for (let d = 0; d < this.dimensions; d++) sentence[d] += weight * this.vectors.values[offset + d];
    }
    // Centring each word vector, then averaging, equals subtracting the weighted mean once.
    for (let d = 0; d < this.dimensions; d++) sentence[d] = (sentence[d] - weightSum * this.mean[d]) / rows.length;
    for (const component of this.components) removeProjection(sentence, component);
    return normalize(sentence);
  }

  private rowsOf(text: string): number[] {
    const rows: number[] = [];
    for (const word of tokenize(text)) {
      for (const form of lookupForms(word)) {
        const found = form.map((part) => this.vectors.rows.get(part)).filter((row): row is number => row !== undefined);
        if (found.length === 0) continue;
        rows.push(...found);
        break;
      }
    }
    return rows;
  }
}

/** a / (a + p(rank)) with p from Zipf–Mandelbrot, normalised over the vocabulary. */
function sifWeights(size: number, smoothing: number): Float32Array {
  let total = 0;
  for (let rank = 1; rank <= size; rank++) total += 1 / (rank + ZIPF_OFFSET);
  const weights = new Float32Array(size);
  for (let row = 0; row < size; row++) {
    const probability = 1 / ((row + 1 + ZIPF_OFFSET) * total);
    weights[row] = smoothing / (smoothing + probability);
  }
  return weights;
}

function meanRow(vectors: WordVectors, rows: number): Float32Array {
  const mean = new Float32Array(vectors.dimensions);
  for (let row = 0; row < rows; row++) {
    for (let d = 0; d < vectors.dimensions; d++) mean[d] += vectors.values[row * vectors.dimensions + d] / rows;
  }
  return mean;
}

/** Top principal directions of the centred rows: power iteration on the covariance, with deflation. */
function principalComponents(vectors: WordVectors, mean: Float32Array, rows: number, count: number): Float32Array[] {
  const dims = vectors.dimensions;
  const covariance = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let row = 0; row < rows; row++) {
    for (let d = 0; d < dims; d++) centred[d] = vectors.values[row * dims + d] - mean[d];
    for (let i = 0; i < dims; i++) {
      const ci = centred[i];
      for (let j = i; j < dims; j++) covariance[i * dims + j] += ci * centred[j];
    }
  }
  for (let i = 0; i < dims; i++) for (let j = 0; j < i; j++) covariance[i * dims + j] = covariance[j * dims + i];

  const components: Float32Array[] = [];
  for (let c = 0; c < count; c++) {
    // A fixed start keeps the embedder deterministic across processes.
    let vector = new Float64Array(dims).fill(1 / Math.sqrt(dims));
    for (let iteration = 0; iteration < 200; iteration++) {
      const next = new Float64Array(dims);
      for (let i = 0; i < dims; i++) {
        let sum = 0;
        for (let j = 0; j < dims; j++) sum += covariance[i * dims + j] * vector[j];
        next[i] = sum;
      }
      for (const component of components) {
        let dot = 0;
        for (let i = 0; i < dims; i++) dot += next[i] * component[i];
        for (let i = 0; i < dims; i++) next[i] -= dot * component[i];
      }
      const norm = Math.hypot(...next);
      vector = next.map((value) => value / norm);
    }
    components.push(Float32Array.from(vector));
  }
  return components;
}

function removeProjection(vector: Float32Array, direction: Float32Array): void {
  let dot = 0;
  for (let d = 0; d < vector.length; d++) dot += vector[d] * direction[d];
  for (let d = 0; d < vector.length; d++) vector[d] -= dot * direction[d];
}
