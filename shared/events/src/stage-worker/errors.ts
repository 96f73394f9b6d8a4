import { NonRetryableError } from '@docpipe/platform';

/** The text blob is there but is not what extraction writes. */
export class InvalidExtractedTextError extends NonRetryableError {
  constructor(key: string, reason: string) {
    super('invalid_extracted_text', `The extracted text at ${key} is not valid (${reason}); reprocess the document to extract it again`);
  }
}

/** An event may only point at its own document's blobs. */
export class ForeignTextKeyError extends NonRetryableError {
  constructor(key: string, tenantId: string) {
    super('text_key_outside_tenant', `textKey ${key} is not under tenant ${tenantId}'s derived/ prefix; the event is refused`);
  }
}
