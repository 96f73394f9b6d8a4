import { describeIssues, extractedTextSchema, objectKeys, type ExtractedText } from '@docpipe/contracts';
import { ForeignTextKeyError, InvalidExtractedTextError } from './errors';

/** What the reader needs of the object store (its ObjectStore fits); events does not depend on storage. */
export interface BlobSource {
  getBuffer(key: string): Promise<Buffer>;
}

/**
 * Reads the text blob extraction wrote, for the stages after it. A key outside the document's derived/ prefix is
 * refused before any read; a missing blob throws the store's not-found error (retried: it may be late); a corrupt one is final.
 */
export class ExtractedTextReader {
  constructor(private readonly store: BlobSource) {}

  /** Throws ForeignTextKeyError unless `key` is under the document's own derived/ prefix. */
  verify(target: { tenantId: string; documentId: string }, key: string): void {
    if (!key.startsWith(objectKeys.derivedPrefix(target.tenantId, target.documentId))) throw new ForeignTextKeyError(key, target.tenantId);
  }

  async read(target: { tenantId: string; documentId: string }, key: string): Promise<ExtractedText> {
    this.verify(target, key);
    const body = await this.store.getBuffer(key);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new InvalidExtractedTextError(key, 'not JSON');
    }
    const parsed = extractedTextSchema.safeParse(json);
    if (!parsed.success) throw new InvalidExtractedTextError(key, describeIssues(parsed.error.issues));
    return parsed.data;
  }
}
