import { loadPdf } from './pdf-document';
import { pageLines } from './pdf-layout';
import { pageMarkdown } from './pdf-markdown';
import { readRulings } from './pdf-rulings';
import { findAlignedTables } from './pdf-aligned-tables';
import { findLabelRows } from './pdf-label-rows';
import { findTables, mayHoldTable } from './pdf-tables';
import { OPS, type PDFPageProxy } from './pdfjs';

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);

/** A page's text layer laid out as lines; `scanned` when it has none but draws images, so it is to be OCRed. */
export interface TextLayer {
  text: string;
  scanned: boolean;
}

/** The text layers of pages `first`–`last` (1-based, inclusive) of a PDF; pdf.js's errors come through unchanged. */
export async function readTextLayers(bytes: Uint8Array, first: number, last: number): Promise<TextLayer[]> {
  const pdf = await loadPdf(bytes);
  try {
    const layers: TextLayer[] = [];
    for (let number = first; number <= last; number++) {
      const page = await pdf.getPage(number);
      try {
        layers.push(await pageTextLayer(page));
      } finally {
        page.cleanup();
      }
    }
    return layers;
  } finally {
    await pdf.destroy();
  }
}

/** One page's text layer as Markdown (headings, list items, ruled tables); what classification's evaluations read too. */
export async function pageTextLayer(page: PDFPageProxy): Promise<TextLayer> {
  // Unnormalised: pdf.js expands a ligature before it turns a right-to-left run into logical order, which reverses the
  // ligature's letters (ﳋ became خل, not لخ); pageLines normalises each run after.
  const layer = await page.getTextContent({ disableNormalization: true });
  const lines = pageLines(layer.items.filter((item) => 'str' in item));
  const rulings = mayHoldTable(lines) ? await readRulings(page) : null;
  const ruled = rulings ? findTables(lines, rulings) : [];
  const labelled = [...ruled, ...findLabelRows(lines, ruled)];
  const tables = [...labelled, ...findAlignedTables(lines, labelled, rulings?.horizontal)];
  const text = pageMarkdown(lines, tables);
  return { text, scanned: text === '' && (await hasImages(page)) };
}

async function hasImages(page: PDFPageProxy): Promise<boolean> {
  const operators = await page.getOperatorList();
  return operators.fnArray.some((operator) => IMAGE_OPS.has(operator));
}
