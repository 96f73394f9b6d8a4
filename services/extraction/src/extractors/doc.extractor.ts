import WordExtractor from 'word-extractor';
import { ExtractionFailedError } from '../extraction.errors';
import type { ExtractionInput, Extractor, PageText } from './extractor';

/**
 * Word 97–2003 documents (the binary .doc format) through word-extractor, laid out as a reader meets them:
 * page header, body, text boxes, footnotes, endnotes, comments, page footer. Tracked insertions are kept and
 * deletions dropped, as Word shows the document with changes accepted.
 */
export class DocExtractor implements Extractor {
  readonly name = 'doc';
  readonly mediaTypes = ['application/msword'] as const;

  async extract({ bytes, text }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    let document: WordExtractor.Document;
    try {
      document = await new WordExtractor().extract(bytes);
    } catch (cause) {
      throw new ExtractionFailedError(
        'corrupt_file',
        `The Word 97–2003 document could not be read (${(cause as Error).message}). Open it in a word processor, save it as DOCX and upload that.`,
        { cause },
      );
    }
    const parts = [
      document.getHeaders({ includeFooters: false }),
      document.getBody(),
      document.getTextboxes({ includeHeadersAndFooters: false, includeBody: true }),
      document.getFootnotes(),
      document.getEndnotes(),
      document.getAnnotations(),
      document.getFooters(),
    ].map(tidy);
    return [{ text: text.spend(parts.filter((part) => part !== '').join('\n\n')), ocr: false }];
  }
}

/** Word pads headers and notes with empty paragraphs; a paragraph mark inside a cell or row is a line break. */
function tidy(part: string): string {
  return part
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
