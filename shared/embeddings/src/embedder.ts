/**
 * Turns texts into vectors of one fixed size that can be compared by cosine similarity.
 * `name` and `version` say which model made them, so an index never mixes vectors of two models.
 */
export interface Embedder {
  readonly name: string;
  readonly version: string;
  readonly dimensions: number;
  /**
   * One unit-length vector per text, in the same order. A text in which the model knows no word gets the
   * all-zero vector: it has no meaning to compare, and indexes keep it out of vector search.
   */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Releases what the model holds (worker threads); the process can then exit. */
  close(): Promise<void>;
}

export function isZeroVector(vector: Float32Array): boolean {
  return vector.every((value) => value === 0);
}

/** Scales to unit length in place; the zero vector stays zero. */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return vector;
  const norm = Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}

export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
