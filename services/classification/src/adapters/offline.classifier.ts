import { OTHER_DOCUMENT_TYPE, type ExtractedText } from '@docpipe/contracts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorMessage } from '@docpipe/platform';
import type { Classification, ClassifierId, DocumentClassifier } from '../classifier';
import { ClassifierModelError } from '../errors';
import { modelFileSchema, type ModelFile } from '../model/model-file';
import { OfflineModel } from '../model/offline-model';
import { type Taxonomy } from '../taxonomy';

/** The model committed in the repo; the same relative path from src/adapters and dist/adapters. */
export const DEFAULT_MODEL_PATH = resolve(__dirname, '../../model/document-classifier.json');

export function readModelFile(path: string): ModelFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ClassifierModelError(`Cannot read the classifier model ${path} (${errorMessage(error)}); run npm run train:classify`, {
      cause: error,
    });
  }
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ClassifierModelError(`${path} is not a classifier model (${parsed.error.issues[0].message}); run npm run train:classify`);
  }
  return parsed.data;
}

/**
 * The offline engine: TF-IDF words, character n-grams and structure through a softmax regression
 * trained by `npm run train:classify`. Types the model knows but the taxonomy leaves out count as `other`.
 */
export class OfflineClassifier implements DocumentClassifier {
  readonly id: ClassifierId;
  private readonly model: OfflineModel;

  constructor(
    file: ModelFile,
    private readonly taxonomy: Taxonomy,
  ) {
    const untrained = taxonomy.filter((label) => !file.labels.includes(label));
    if (untrained.length > 0) {
      throw new ClassifierModelError(
        `The offline model was not trained on ${untrained.join(', ')}: add examples under eval/train/<type>/ and run npm run train:classify, set OLLAMA_HOST, or remove them from DOCUMENT_TYPES`,
      );
    }
    this.model = new OfflineModel(file);
    this.id = { name: 'offline-softmax', version: file.version };
  }

  static load(path: string, taxonomy: Taxonomy): OfflineClassifier {
    return new OfflineClassifier(readModelFile(path), taxonomy);
  }

  async classify(text: ExtractedText): Promise<Classification> {
    const folded = new Map<string, number>();
    for (const { label, probability } of this.model.probabilities(text)) {
      const kept = this.taxonomy.includes(label) ? label : OTHER_DOCUMENT_TYPE;
      folded.set(kept, (folded.get(kept) ?? 0) + probability);
    }
    const [best] = [...folded].sort(([, a], [, b]) => b - a);
    // Unsure: say `other`, with the (low) probability the model gives `other`.
    if (best[1] < this.model.file.threshold)
      return { documentType: OTHER_DOCUMENT_TYPE, confidence: rounded(folded.get(OTHER_DOCUMENT_TYPE) ?? 0) };
    return { documentType: best[0], confidence: rounded(best[1]) };
  }
}

const rounded = (value: number) => Math.round(value * 10_000) / 10_000;
