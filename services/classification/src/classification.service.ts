import { Inject, Injectable } from '@nestjs/common';
import type { DocumentClassified, ExtractedText, PayloadOf } from '@docpipe/contracts';
import { DOCUMENT_CLASSIFIER, type ClassifierId, type DocumentClassifier } from './classifier';
import { extractFields } from './fields';
import { TenantLayers } from './tenant-layer/tenant-layers';

export interface ClassificationSettings {
  /** The similarity to a type the tenant taught from which the tenant's type outranks the base engine's. */
  minTenantSimilarity: number;
}

export const CLASSIFICATION_SETTINGS = Symbol('docpipe:classification-settings');

/** Decides a document's type from its text (the tenant's own corrections first, then the engine) and pulls out its fields. */
@Injectable()
export class ClassificationService {
  constructor(
    @Inject(DOCUMENT_CLASSIFIER) private readonly classifier: DocumentClassifier,
    @Inject(TenantLayers) private readonly layers: TenantLayers,
    @Inject(CLASSIFICATION_SETTINGS) private readonly settings: ClassificationSettings,
  ) {}

  /** document.classified's payload but the facts, which the handler passes on unchanged. */
  async classify(tenantId: string, textKey: string, text: ExtractedText): Promise<Omit<PayloadOf<typeof DocumentClassified>, 'facts'>> {
    const [base, taught] = await Promise.all([this.classifier.classify(text), this.layers.nearest(tenantId, text)]);
    const { documentType, confidence, classifier } =
      taught && taught.similarity >= this.settings.minTenantSimilarity
        ? {
            documentType: taught.label,
            confidence: rounded(taught.similarity),
            classifier: tenantLayerId(this.classifier.id, taught.examples),
          }
        : { ...base, classifier: this.classifier.id };
    return { textKey, documentType, confidence, fields: extractFields(documentType, text), classifier };
  }
}

/** The base engine plus the tenant's layer, so a type that came from a tenant's corrections can be told apart. */
function tenantLayerId(base: ClassifierId, examples: number): ClassifierId {
  return { name: `${base.name}+tenant-layer`, version: `${base.version}+${examples}` };
}

const rounded = (value: number) => Math.round(Math.min(value, 1) * 10_000) / 10_000;
