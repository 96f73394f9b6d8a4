import { ExtractionFailedError } from '../extraction.errors';
import type { Extractor } from './extractor';

/** Finds the extractor for a media type as ingestion sniffed it. */
export class ExtractorRegistry {
  private readonly byMediaType = new Map<string, Extractor>();

  constructor(extractors: readonly Extractor[]) {
    for (const extractor of extractors) {
      for (const mediaType of extractor.mediaTypes) this.byMediaType.set(mediaType, extractor);
    }
  }

  get mediaTypes(): string[] {
    return [...this.byMediaType.keys()];
  }

  forMediaType(mediaType: string): Extractor {
    const extractor = this.byMediaType.get(mediaType);
    if (extractor) return extractor;
    throw new ExtractionFailedError(
      'unsupported_media_type',
      `Documents of type ${mediaType} cannot be extracted; supported types: ${this.mediaTypes.join(', ')}.`,
    );
  }
}

/** `Text/HTML; charset=ISO-8859-1` → `text/html` and its charset. */
export function parseMediaType(value: string): { mediaType: string; charset?: string } {
  const [type, ...parameters] = value.split(';').map((part) => part.trim());
  const charset = parameters.map((parameter) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(parameter)?.[1]).find((found) => found !== undefined);
  return { mediaType: type.toLowerCase(), charset };
}
