import { DOMParser } from '@xmldom/xmldom';
import { ExtractionFailedError } from '../extraction.errors';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { decodeText } from './text-decoding';
import { isUsPatent, patentMarkdown } from './patent-xml';
import { blocksOf, childElements, firstElement, textOf } from './xml-text';

/**
 * XML through xmldom, which expands no entity a DOCTYPE declares (no billion laughs, no external files).
 * A JATS article (the journal publishing schema) and a US patent (the USPTO's full-text XML) become their title,
 * abstract and sections as Markdown; any other XML the text of its elements, one text-bearing element per line,
 * without tags.
 */
export class XmlExtractor implements Extractor {
  readonly name = 'xml';
  readonly mediaTypes = ['application/xml'] as const;

  async extract({ bytes, charset, text, deadline }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    const root = parse(decodeText(bytes, charset));
    deadline.check();
    const body = isJats(root) ? jatsMarkdown(root) : isUsPatent(root) ? patentMarkdown(root) : blocksOf(root).join('\n');
    return [{ text: text.spend(body), ocr: false }];
  }
}

function parse(source: string): Element {
  const problems: string[] = [];
  const document = new DOMParser({
    errorHandler: { warning: () => undefined, error: (message) => problems.push(message), fatalError: (message) => problems.push(message) },
  }).parseFromString(source, 'text/xml');
  const root = document?.documentElement;
  if (!root) {
    throw new ExtractionFailedError(
      'corrupt_file',
      `The XML could not be read: ${problems[0] ?? 'it has no root element'}. Fix it and upload it again.`,
    );
  }
  return root;
}

const isJats = (root: Element): boolean => root.localName === 'article' && firstElement(root, 'front') !== undefined;

function jatsMarkdown(article: Element): string {
  const meta = firstElement(article, 'article-meta');
  const title = meta && firstElement(meta, 'article-title');
  const abstract = meta && firstElement(meta, 'abstract');
  const body = firstElement(article, 'body');
  const parts = [
    title ? `# ${textOf(title)}` : '',
    abstract ? ['## Abstract', ...blocksOf(abstract).filter((block) => block !== 'Abstract')].join('\n\n') : '',
    body ? sections(body, 2).join('\n\n') : '',
  ];
  return parts.filter(Boolean).join('\n\n');
}

/** A section's title is a heading one level below its parent's; its paragraphs follow. */
function sections(container: Element, level: number): string[] {
  return childElements(container).flatMap((child) => {
    if (child.localName === 'sec') {
      const title = childElements(child).find((element) => element.localName === 'title');
      const heading = title ? [`${'#'.repeat(Math.min(level, 6))} ${textOf(title)}`] : [];
      return [...heading, ...sections(child, level + 1)];
    }
    if (child.localName === 'title') return [];
    return blocksOf(child);
  });
}
