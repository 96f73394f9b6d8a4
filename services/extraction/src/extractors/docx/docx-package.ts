import { posix } from 'node:path';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { childElements } from '../xml-text';
import { chartToMarkdown } from './chart-text';
import { ommlToLinear } from './omml-linear';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const M = 'http://schemas.openxmlformats.org/officeDocument/2006/math';
const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CHART_MARK = '/drawingml/2006/chart';
const RELATIONSHIP_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** What mammoth leaves out of a Word document, made readable before and after it runs. */
export interface PreparedDocx {
  /** The package with every equation as a text run and every chart as a placeholder run; the original bytes if it had neither. */
  bytes: Buffer;
  /** Placeholder (private-use characters around a number) → the chart's title and table. */
  charts: Map<string, string>;
  /** Text of the page headers and footers, each distinct one once, in the order the document lists them. */
  headers: string[];
  footers: string[];
}

/**
 * mammoth reads the body, tables, lists, footnotes, endnotes and text boxes, but drops equations (OMML),
 * charts and page headers and footers. Equations become runs of linear text where they stand; a chart's
 * drawing becomes a placeholder that `fillCharts` swaps for its table; headers and footers are read here.
 * Runs only after assertZipWithinLimits has bounded the package.
 */
export function prepareDocx(bytes: Buffer): PreparedDocx {
  const files = unzipSync(bytes);
  const main = target('', read(files, '_rels/.rels'), 'officeDocument')[0] ?? 'word/document.xml';
  const rels = read(files, relsOf(main));
  const charts = new Map<string, string>();
  let changed = false;
  for (const part of [main, ...target(main, rels, 'footnotes'), ...target(main, rels, 'endnotes')]) {
    const source = read(files, part);
    // Parsed a second time (mammoth parses it too) only when it holds an equation or a chart.
    if (!source.includes('oMath') && !(part === main && source.includes(CHART_MARK))) continue;
    const document = parse(source);
    if (!document) continue;
    const found = linearizeEquations(document) + (part === main ? placeCharts(document, files, main, rels, charts) : 0);
    if (found === 0) continue;
    files[part] = strToU8(new XMLSerializer().serializeToString(document));
    changed = true;
  }
  return {
    bytes: changed ? Buffer.from(zipSync(files, { level: 0 })) : bytes,
    charts,
    headers: partsText(files, target(main, rels, 'header')),
    footers: partsText(files, target(main, rels, 'footer')),
  };
}

/** Puts each chart's text where its placeholder ended up in the extracted text. */
export function fillCharts(text: string, charts: ReadonlyMap<string, string>): string {
  if (charts.size === 0) return text;
  return text.replace(/\uE000\d+\uE001/g, (placeholder) => `\n\n${charts.get(placeholder) ?? ''}\n\n`).replace(/\n{3,}/g, '\n\n');
}

function read(files: Unzipped, path: string): string {
  const bytes = files[path];
  return bytes ? strFromU8(bytes) : '';
}

function parse(source: string): Document | undefined {
  if (!source) return undefined;
  let failed = false;
  const document = new DOMParser({
    errorHandler: { warning: () => undefined, error: () => (failed = true), fatalError: () => (failed = true) },
  }).parseFromString(source, 'text/xml');
  // A part that does not parse is left as it is: mammoth reports it as the corrupt file it is.
  return failed || !document?.documentElement ? undefined : document;
}

function relsOf(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

/** The parts a relationships file points at with the given type, resolved against the part that owns it. */
function target(owner: string, rels: string, type: string): string[] {
  const document = parse(rels);
  if (!document) return [];
  const relationships = Array.from(document.getElementsByTagName('Relationship'));
  return relationships
    .filter((relationship) => relationship.getAttribute('Type') === `${RELATIONSHIP_TYPE}${type}`)
    .map((relationship) => resolve(owner, relationship.getAttribute('Target') ?? ''));
}

function byId(owner: string, rels: string, id: string): string | undefined {
  const relationship = Array.from(parse(rels)?.getElementsByTagName('Relationship') ?? []).find((r) => r.getAttribute('Id') === id);
  return relationship ? resolve(owner, relationship.getAttribute('Target') ?? '') : undefined;
}

function resolve(owner: string, path: string): string {
  return path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(owner), path);
}

/** Replaces every equation (display ones first, so their inner equations go with them) by a run of its linear text. */
function linearizeEquations(document: Document): number {
  let count = 0;
  for (const name of ['oMathPara', 'oMath']) {
    for (const equation of Array.from(document.getElementsByTagNameNS(M, name))) {
      if (!equation.parentNode) continue;
      equation.parentNode.replaceChild(textRun(document, ommlToLinear(equation).split('\n')), equation);
      count++;
    }
  }
  return count;
}

/** Swaps each chart's drawing for a placeholder run and reads the chart part it points at. */
function placeCharts(document: Document, files: Unzipped, main: string, rels: string, charts: Map<string, string>): number {
  let count = 0;
  for (const reference of Array.from(document.getElementsByTagNameNS(C, 'chart'))) {
    const drawing = ancestor(reference, 'drawing');
    const part = byId(main, rels, reference.getAttributeNS(R, 'id') ?? '');
    const chart = part ? parse(read(files, part)) : undefined;
    if (!drawing?.parentNode || !chart) continue;
    const placeholder = `\uE000${charts.size}\uE001`;
    charts.set(placeholder, chartToMarkdown(chart.documentElement!));
    drawing.parentNode.replaceChild(text(document, placeholder), drawing);
    count++;
  }
  return count;
}

function ancestor(element: Element, localName: string): Element | undefined {
  for (let node = element.parentNode; node; node = node.parentNode) {
    if (node.nodeType === 1 && (node as Element).localName === localName) return node as Element;
  }
  return undefined;
}

function text(document: Document, value: string): Element {
  const element = document.createElementNS(W, 'w:t');
  element.setAttribute('xml:space', 'preserve');
  element.appendChild(document.createTextNode(value));
  return element;
}

/** A run of the given lines, a line break between them. */
function textRun(document: Document, lines: string[]): Element {
  const run = document.createElementNS(W, 'w:r');
  lines.forEach((line, i) => {
    if (i > 0) run.appendChild(document.createElementNS(W, 'w:br'));
    run.appendChild(text(document, line));
  });
  return run;
}

/** Header or footer parts as text: a line per paragraph, equations linear, each distinct text once. */
function partsText(files: Unzipped, parts: string[]): string[] {
  const texts = parts.map((part) => {
    const document = parse(read(files, part));
    if (!document) return '';
    linearizeEquations(document);
    return paragraphs(document.documentElement!).join('\n').trim();
  });
  return [...new Set(texts.filter(Boolean))];
}

function paragraphs(root: Element): string[] {
  const lines: string[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (element.namespaceURI === W && element.localName === 'p') {
      lines.push(runText(element));
      continue;
    }
    for (const child of childElements(element).reverse()) stack.push(child);
  }
  return lines.filter((line) => line.trim() !== '');
}

function runText(paragraph: Element): string {
  const parts: string[] = [];
  for (const element of Array.from(paragraph.getElementsByTagNameNS(W, '*'))) {
    if (element.localName === 't') parts.push(element.textContent ?? '');
    else if (element.localName === 'tab') parts.push('\t');
  }
  return parts
    .join('')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
