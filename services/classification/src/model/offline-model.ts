import type { ExtractedText } from '@docpipe/contracts';
import { countFeatures, vectorize, type SparseVector, type Vectorizer } from './features';
import type { ModelFile } from './model-file';
import { predict, type LinearModel } from './softmax-regression';

export interface LabelProbability {
  label: string;
  probability: number;
}

/** The committed model, ready to score documents. */
export class OfflineModel {
  private readonly vectorizer: Vectorizer;
  private readonly linear: LinearModel;

  constructor(readonly file: ModelFile) {
    this.vectorizer = {
      index: new Map(file.vocabulary.map((feature, i) => [feature, i])),
      idf: file.idf,
      blockWeights: file.blockWeights,
    };
    this.linear = { weights: file.weights.map((row) => Float64Array.from(row)), bias: Float64Array.from(file.bias) };
  }

  /** Every label with its probability, most likely first. */
  probabilities(document: ExtractedText): LabelProbability[] {
    return this.probabilitiesOf(this.vector(document), this.file.temperature);
  }

  vector(document: ExtractedText): SparseVector {
    return vectorize(countFeatures(document), this.vectorizer);
  }

  /** For calibration: the same vector at another temperature. */
  probabilitiesOf(vector: SparseVector, temperature: number): LabelProbability[] {
    const probabilities = predict(this.linear, vector, temperature);
    return this.file.labels.map((label, i) => ({ label, probability: probabilities[i] })).sort((a, b) => b.probability - a.probability);
  }
}
