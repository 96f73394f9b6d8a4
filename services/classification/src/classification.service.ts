import { Inject, Injectable } from '@nestjs/common';
import type { DocumentClassified, ExtractedText, PayloadOf } from '@docpipe/events';
import { DOCUMENT_CLASSIFIER, type DocumentClassifier } from './classifier';
import { extractFields } from './fields';

/** Decides a document's type from its text and pulls out the fields of that type. */
@Injectable()
export class ClassificationService {
  constructor(@Inject(DOCUMENT_CLASSIFIER) private readonly classifier: DocumentClassifier) {}

  async classify(textKey: string, text: ExtractedText): Promise<PayloadOf<typeof DocumentClassified>> {
    const { documentType, confidence } = await this.classifier.classify(text);
    return { textKey, documentType, confidence, fields: extractFields(documentType, text), classifier: this.classifier.id };
  }
}
