import { extractedTextSchema, type ExtractedText } from '@docpipe/contracts';
import { findEntities } from '@docpipe/entities';
import type { PageText } from './extractors/extractor';
import { detectLanguage } from './language';
import { sanitizeText } from './unicode';

/** Bumped whenever the text, pages or entities written for the same original change. */
export const EXTRACTION_VERSION = '1.27.0';

/**
 * The text blob of a document from its extractor's pages: the text made valid (the one place it is written, before
 * entities take offsets in it), its language and entities. Pure, so the benchmark's single-process loop runs it too.
 */
export function toExtractedText(documentId: string, mediaType: string, extractorName: string, pages: PageText[]): ExtractedText {
  const numbered = pages.map((page, i) => ({ number: i + 1, text: sanitizeText(page.text), ocr: page.ocr }));
  const language = detectLanguage(numbered.map((page) => page.text).join('\n'));
  return extractedTextSchema.parse({
    documentId,
    mediaType,
    language,
    pages: numbered,
    entities: numbered.flatMap((page) => findEntities(page.number, page.text, language)),
    extractor: { name: `extraction/${extractorName}`, version: EXTRACTION_VERSION },
  });
}
