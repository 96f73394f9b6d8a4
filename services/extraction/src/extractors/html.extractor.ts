import type { ExtractionInput, Extractor, PageText } from './extractor';
import { htmlToText } from './html-text';
import { decodeText } from './text-decoding';

export class HtmlExtractor implements Extractor {
  readonly name = 'html';
  readonly mediaTypes = ['text/html', 'application/xhtml+xml'] as const;

  async extract({ bytes, charset, text }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    return [{ text: text.spend(htmlToText(decodeText(bytes, charset ?? declaredCharset(bytes)))), ocr: false }];
  }
}

/** `<meta charset="…">` or the http-equiv form, within the first 1 KiB as browsers look for it. */
function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}
