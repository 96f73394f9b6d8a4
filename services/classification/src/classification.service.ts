import { Inject, Injectable } from '@nestjs/common';
import type { DocumentClassified, ExtractedText, PayloadOf } from '@docpipe/events';
import { DOCUMENT_CLASSIFIER, type DocumentClassifier } from './classifier';
import { extractFields } from './fields';

/** Decides a document's type from its text and pulls out the fields of that type. */
@Injectable()
export class ClassificationService {
  constructor(@Inject(DOCUMENT_CLASSIFIER) private readonly classifier: DocumentClassifier) {}

  /** document.classified's payload but the facts, which the handler passes on unchanged. */
  async classify(textKey: string, text: ExtractedText): Promise<Omit<PayloadOf<typeof DocumentClassified>, 'facts'>> {
    const { documentType, confidence } = await this.classifier.classify(text);
    return { textKey, documentType, confidence, fields: extractFields(documentType, text), classifier: this.classifier.id };
  }
}
