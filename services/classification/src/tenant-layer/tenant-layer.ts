import type { SparseVector } from '../model/features';

export interface LabelledVector {
  label: string;
  vector: SparseVector;
}

export interface TenantAnswer {
  label: string;
  /** Cosine similarity to the label's centroid, 0..1. */
  similarity: number;
  /** How many of the tenant's examples carry that label. */
  examples: number;
}

/**
 * A tenant's layer over the base model: the centroid of the base model's TF-IDF vectors per label the tenant
 * assigned (nearest centroid). Adding an example is an average, so learning takes milliseconds and a handful of
 * examples suffices for a new type, where a softmax would need many.
 */
export class TenantLayer {
  private readonly centroids: { label: string; vector: Map<number, number>; examples: number }[];

  constructor(examples: readonly LabelledVector[]) {
    const byLabel = new Map<string, SparseVector[]>();
    for (const { label, vector } of examples) byLabel.set(label, [...(byLabel.get(label) ?? []), vector]);
    this.centroids = [...byLabel].map(([label, members]) => ({ label, vector: centroid(members), examples: members.length }));
  }

  get size(): number {
    return this.centroids.reduce((sum, centroid) => sum + centroid.examples, 0);
  }

  /** The closest label the tenant taught, if it taught any. */
  nearest(vector: SparseVector): TenantAnswer | undefined {
    const length = norm(vector.values) || 1;
    let best: TenantAnswer | undefined;
    for (const { label, vector: centre, examples } of this.centroids) {
      let dot = 0;
      vector.indices.forEach((index, i) => (dot += (centre.get(index) ?? 0) * vector.values[i]));
      const similarity = dot / length;
      if (!best || similarity > best.similarity) best = { label, similarity, examples };
    }
    return best;
  }
}

function centroid(members: readonly SparseVector[]): Map<number, number> {
  const sum = new Map<number, number>();
  for (const vector of members) {
    const length = norm(vector.values) || 1;
    vector.indices.forEach((index, i) => sum.set(index, (sum.get(index) ?? 0) + vector.values[i] / length));
  }
  const length = norm(sum.values()) || 1;
  for (const [index, value] of sum) sum.set(index, value / length);
  return sum;
}

function norm(values: Iterable<number>): number {
  let sum = 0;
  for (const value of values) sum += value * value;
  return Math.sqrt(sum);
}
