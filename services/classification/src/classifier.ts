import type { ExtractedText } from '@docpipe/contracts';

/** Which engine decided, so a result can be traced and redone when the engine changes. */
export interface ClassifierId {
  name: string;
  version: string;
}

export interface Classification {
  /** One of the configured taxonomy. */
  documentType: string;
  /** 0..1: how sure the engine is that documentType is right. */
  confidence: number;
}

/** Decides a document's type from its extracted text. Engines: Ollama (LLM) or the offline model shipped in the repo. */
export interface DocumentClassifier {
  readonly id: ClassifierId;
  /** Throws a retryable error when the engine is unavailable for now, NonRetryableError when retrying cannot help. */
  classify(text: ExtractedText): Promise<Classification>;
}

export const DOCUMENT_CLASSIFIER = Symbol('docpipe:document-classifier');
