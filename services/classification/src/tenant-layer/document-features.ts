import type { ExtractedText } from '@docpipe/contracts';
import { countFeatures, vectorize, type SparseVector, type Vectorizer } from '../model/features';
import type { ModelFile } from '../model/model-file';

/**
 * The base model's view of a document, for the tenant layer: feature counts within the model's vocabulary and their
 * TF-IDF vector. Used whichever engine classifies, so corrections teach the same way with Ollama as offline.
 */
export class DocumentFeatures {
  private readonly vectorizer: Vectorizer;
  readonly modelVersion: string;

  constructor(file: ModelFile) {
    this.vectorizer = { index: new Map(file.vocabulary.map((feature, i) => [feature, i])), idf: file.idf, blockWeights: file.blockWeights };
    this.modelVersion = file.version;
  }

  /** Counts of the document's features the model knows (the rest could not count in any vector). */
  counts(document: ExtractedText): Record<string, number> {
    return Object.fromEntries([...countFeatures(document)].filter(([feature]) => this.vectorizer.index.has(feature)));
  }

  vector(counts: Readonly<Record<string, number>>): SparseVector {
    return vectorize(new Map(Object.entries(counts)), this.vectorizer);
  }
}

export const DOCUMENT_FEATURES = Symbol('docpipe:document-features');
