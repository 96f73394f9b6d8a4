import { Inject, Injectable } from '@nestjs/common';
import type { DocumentClassified, PayloadOf } from '@docpipe/events';
import { DOCUMENT_CLASSIFIER, type DocumentClassifier } from './classifier';
import { ExtractedTextReader } from './extracted-text.reader';
import { extractFields } from './fields';

/** Reads a document's text, decides its type and pulls out the fields of that type. */
@Injectable()
export class ClassificationService {
  constructor(
    @Inject(ExtractedTextReader) private readonly reader: ExtractedTextReader,
    @Inject(DOCUMENT_CLASSIFIER) private readonly classifier: DocumentClassifier,
  ) {}

  async classify(textKey: string): Promise<PayloadOf<typeof DocumentClassified>> {
    const text = await this.reader.read(textKey);
    const { documentType, confidence } = await this.classifier.classify(text);
    return { textKey, documentType, confidence, fields: extractFields(documentType, text), classifier: this.classifier.id };
  }
}
