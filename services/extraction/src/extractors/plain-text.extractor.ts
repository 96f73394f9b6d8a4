import type { ExtractionInput, Extractor, PageText } from './extractor';
import { decodeText } from './text-decoding';

/** Plain text is one page; form feeds (\f), where a file has them, separate pages. */
export class PlainTextExtractor implements Extractor {
  readonly name = 'plain-text';
  readonly mediaTypes = ['text/plain'] as const;

  async extract({ bytes, charset, text }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    const decoded = text.spend(decodeText(bytes, charset).replace(/\r\n?/g, '\n'));
    return decoded.split('\f').map((page) => ({ text: page, ocr: false }));
  }
}
