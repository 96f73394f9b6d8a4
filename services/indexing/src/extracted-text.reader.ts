import { Inject, Injectable } from '@nestjs/common';
import { describeIssues, extractedTextSchema, type ExtractedText } from '@docpipe/events';
import { ObjectStore } from '@docpipe/storage';
import { InvalidExtractedTextError } from './errors';

/** Reads the text blob extraction wrote. A missing blob throws ObjectNotFoundError (retried: it may be late); a corrupt one is final. */
@Injectable()
export class ExtractedTextReader {
  constructor(@Inject(ObjectStore) private readonly store: ObjectStore) {}

  async read(key: string): Promise<ExtractedText> {
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
