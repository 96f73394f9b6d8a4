import { convert, type HtmlToTextOptions } from 'html-to-text';
import { formatTable } from './html-table';

const options: HtmlToTextOptions = {
  wordwrap: false,
  formatters: { markdownTable: formatTable },
  // html-to-text silently truncates input past 16 MiB by default; the text budget bounds size instead.
  limits: { maxInputLength: Number.MAX_SAFE_INTEGER, maxDepth: 512 },
  selectors: [
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { ignoreHref: true } },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'markdownTable' },
  ],
};

/** Visible text of an HTML document, one block (paragraph, heading, list item) per line, tables as Markdown tables. */
export function htmlToText(html: string): string {
  return convert(html, options)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
