import MarkdownIt from 'markdown-it';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { htmlToText } from './html-text';
import { decodeText } from './text-decoding';

const markdown = new MarkdownIt({ html: true, linkify: false });

/** Markdown is rendered to HTML, then reduced to its visible text: no markup, block boundaries kept. */
export class MarkdownExtractor implements Extractor {
  readonly name = 'markdown';
  readonly mediaTypes = ['text/markdown', 'text/x-markdown'] as const;

  async extract({ bytes, charset, text }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    return [{ text: text.spend(htmlToText(markdown.render(decodeText(bytes, charset)))), ocr: false }];
  }
}
