import { decodeHTML } from 'entities';

// Walks are iterative: a deeply nested document must not overflow the stack.

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

export function childElements(element: Element): Element[] {
  const found: Element[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) if (child.nodeType === ELEMENT) found.push(child as Element);
  return found;
}

/** The first element named `localName` at or below `root`, in document order. */
export function firstElement(root: Element, localName: string): Element | undefined {
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (element.localName === localName) return element;
    pushReversed(stack, childElements(element));
  }
  return undefined;
}

/** All text below `root`, whitespace collapsed. */
export function textOf(root: Node): string {
  const parts: string[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT || node.nodeType === CDATA) parts.push(node.nodeValue ?? '');
    const children: Node[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
    pushReversed(stack, children);
  }
  return withNamedEntities(parts.join('')).replace(/\s+/g, ' ').trim();
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Named references an external DTD would have declared (`&thinsp;`, `&mdash;` in patents and publishers' XML) are
 * left as text by a parser that reads no DTD; they are the HTML/ISO names, so they are decoded as such. XML's own five
 * were decoded by the parser already: what reads `&amp;` now was written `&amp;amp;` and stays.
 */
function withNamedEntities(text: string): string {
  return text.replace(/&([A-Za-z][A-Za-z0-9]{1,31});/g, (reference, name: string) =>
    XML_ENTITIES.has(name) ? reference : decodeHTML(reference),
  );
}

function holdsText(element: Element): boolean {
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if ((child.nodeType === TEXT || child.nodeType === CDATA) && child.nodeValue?.trim()) return true;
  }
  return false;
}

/** One line per element that holds text itself (mixed content stays on its line), in document order. */
export function blocksOf(root: Element): string[] {
  const blocks: string[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (holdsText(element)) {
      blocks.push(textOf(element));
      continue;
    }
    pushReversed(stack, childElements(element));
  }
  return blocks.filter(Boolean);
}

// Not push(...items): spreading a very wide element's children would overflow the call stack.
function pushReversed<T>(stack: T[], items: readonly T[]): void {
  for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
}
