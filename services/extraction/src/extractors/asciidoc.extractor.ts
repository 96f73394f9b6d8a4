import { convert } from '@asciidoctor/core';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { htmlToText } from './html-text';
import { decodeText } from './text-decoding';

/**
 * AsciiDoc is rendered to HTML by Asciidoctor.js, then reduced to its visible text like Markdown. The
 * `secure` safe mode keeps include:: directives and attribute-driven file reads from touching the disk or
 * the network (an include stays a plain link), so a document can name /etc/passwd and get nothing.
 */
export class AsciidocExtractor implements Extractor {
  readonly name = 'asciidoc';
  readonly mediaTypes = ['text/asciidoc'] as const;

  async extract({ bytes, charset, text }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    const html = await convert(decodeText(bytes, charset), {
      safe: 'secure',
      standalone: false,
      // The document title is part of what a reader sees; a generated table of contents repeats the headings.
      attributes: { showtitle: '', 'toc!': '', 'sectanchors!': '', 'allow-uri-read!': '' },
    });
    return [{ text: text.spend(htmlToText(String(html))), ocr: false }];
  }
}
