import { childElements, textOf } from '../xml-text';

/** A chart's table is cut after this many rows: its text is for reading and search, not a data export. */
export const MAX_CHART_ROWS = 1000;
const MAX_CHART_SERIES = 100;

interface Series {
  name: string;
  categories: Map<number, string>;
  values: Map<number, string>;
}

/**
 * A DrawingML chart part (`c:chartSpace`) as text: its title, then a Markdown table with a row per
 * category and a column per series, from the values Word caches in the chart (what it draws).
 * Scatter and bubble charts give their x values as the categories.
 */
export function chartToMarkdown(chartSpace: Element): string {
  const chart = only(chartSpace, 'chart');
  const title = chart ? only(chart, 'title') : undefined;
  // Each line of a title is its own a:t run: joined with spaces, not glued.
  const heading = title
    ? descendants(title, 't')
        .map((t) => t.textContent ?? '')
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim()
    : '';
  const series = descendants(chartSpace, 'ser').slice(0, MAX_CHART_SERIES).map(readSeries);
  if (series.length === 0) return heading;
  const indexes = [...new Set(series.flatMap((s) => [...s.categories.keys(), ...s.values.keys()]))].sort((a, b) => a - b);
  const rows = indexes
    .slice(0, MAX_CHART_ROWS)
    .map((idx) => [series.find((s) => s.categories.has(idx))?.categories.get(idx) ?? '', ...series.map((s) => s.values.get(idx) ?? '')]);
  const table = [
    row(['', ...series.map((s, i) => s.name || `Series ${i + 1}`)]),
    row(['---', ...series.map(() => '---')]),
    ...rows.map(row),
  ];
  return [heading, table.join('\n')].filter(Boolean).join('\n\n');
}

function readSeries(ser: Element): Series {
  const name = only(ser, 'tx');
  // The cached name (c:v) or a typed one (a:t), never the cell formula (c:f) it came from.
  const names = name ? [...descendants(name, 'v'), ...descendants(name, 't')].map((element) => textOf(element)) : [];
  return {
    name: names.join(' ').trim(),
    categories: points(only(ser, 'cat') ?? only(ser, 'xVal')),
    values: points(only(ser, 'val') ?? only(ser, 'yVal')),
  };
}

/** The cached points (`c:pt idx="…"><c:v>…`) of a category or value reference, by index. */
function points(reference: Element | undefined): Map<number, string> {
  const found = new Map<number, string>();
  if (!reference) return found;
  for (const point of descendants(reference, 'pt')) {
    const index = Number(point.getAttribute('idx'));
    const value = only(point, 'v');
    if (Number.isSafeInteger(index) && index >= 0 && value && found.size < MAX_CHART_ROWS) found.set(index, shortNumber(textOf(value)));
  }
  return found;
}

/** Cached values are binary doubles (`4.4000000000000004`); Word shows them rounded, and so does this. */
function shortNumber(value: string): string {
  return /^-?\d+\.\d{12,}$/.test(value) ? String(Number(Number(value).toPrecision(12))) : value;
}

function only(element: Element, localName: string): Element | undefined {
  return childElements(element).find((e) => e.localName === localName);
}

/** Elements named `localName` below `root`, in document order; iterative, as every walk here. */
function descendants(root: Element, localName: string): Element[] {
  const found: Element[] = [];
  const stack = childElements(root).reverse();
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (element.localName === localName) found.push(element);
    // One by one: spreading a very wide element's children would overflow the call stack.
    else for (const child of childElements(element).reverse()) stack.push(child);
  }
  return found;
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/\s+/g, ' ')).join(' | ')} |`;
}
