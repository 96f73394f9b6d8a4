import { blocksOf, childElements, firstElement, textOf } from './xml-text';

/** The root elements of the USPTO's full-text XML (grants and applications, schema versions 4.x). */
const PATENT_ROOTS = new Set(['us-patent-grant', 'us-patent-application']);

export const isUsPatent = (root: Element): boolean => PATENT_ROOTS.has(root.localName ?? '');

/**
 * A US patent as a reader sees it: title, abstract, description under its own headings, and the claims, as
 * Markdown. The bibliographic block (numbers, kind codes, dates, classifications) is left out: it is metadata,
 * and read as text it would put a page of codes before the title.
 */
export function patentMarkdown(root: Element): string {
  const title = firstElement(root, 'invention-title');
  const abstract = firstElement(root, 'abstract');
  const description = firstElement(root, 'description');
  const claims = firstElement(root, 'claims');
  const parts = [
    title ? `# ${textOf(title)}` : '',
    abstract ? ['## Abstract', ...blocksOf(abstract)].join('\n\n') : '',
    description ? ['## Description', ...descriptionBlocks(description)].join('\n\n') : '',
    claims ? ['## Claims', ...childElements(claims).map((claim) => textOf(claim))].filter(Boolean).join('\n\n') : '',
  ];
  return parts.filter(Boolean).join('\n\n');
}

/** The description's `<heading>`s become Markdown headings; its paragraphs, tables and lists stay blocks of text. */
function descriptionBlocks(description: Element): string[] {
  return childElements(description).flatMap((child) => (child.localName === 'heading' ? [`### ${textOf(child)}`] : blocksOf(child)));
}
