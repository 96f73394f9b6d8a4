import mammoth from 'mammoth';
import { ExtractionFailedError } from '../extraction.errors';
import { fillCharts, prepareDocx, type PreparedDocx } from './docx/docx-package';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { htmlToText } from './html-text';
import { assertZipWithinLimits } from './zip-guard';

const PAGE_BREAK = '<hr class="page-break" />';
// mammoth ends each footnote and endnote with a link back to its reference: an arrow, not the note's text.
const BACK_LINK = / ?<a href="#(?:footnote|endnote)-ref-[^"]*">↑<\/a>/g;

/**
 * Word documents through mammoth (body, tables, lists, footnotes, endnotes, text boxes), with what it drops
 * added by prepareDocx: equations as linear text and charts as tables where they stand, the page headers
 * before the first page and the footers after the last. Explicit page breaks split pages (layout pagination is not known).
 */
export class DocxExtractor implements Extractor {
  readonly name = 'docx';
  readonly mediaTypes = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'] as const;

  async extract({ bytes, limits, deadline, text }: ExtractionInput): Promise<PageText[]> {
    await assertZipWithinLimits(bytes, limits, deadline);
    const prepared = prepare(bytes);
    deadline.check();
    const html = await mammoth
      .convertToHtml({ buffer: prepared.bytes }, { styleMap: ["br[type='page'] => hr.page-break"] })
      .catch((error: unknown) => {
        throw corrupt(error);
      });
    deadline.check();
    const pages = html.value
      .replace(BACK_LINK, '')
      .split(PAGE_BREAK)
      .map((page) => fillCharts(htmlToText(page), prepared.charts).trim());
    pages[0] = [...prepared.headers, pages[0]].filter(Boolean).join('\n\n');
    pages[pages.length - 1] = [pages[pages.length - 1], ...prepared.footers].filter(Boolean).join('\n\n');
    return pages.map((page) => ({ text: text.spend(page), ocr: false }));
  }
}

function prepare(bytes: Buffer): PreparedDocx {
  try {
    return prepareDocx(bytes);
  } catch (error) {
    throw corrupt(error);
  }
}

function corrupt(error: unknown): ExtractionFailedError {
  return new ExtractionFailedError(
    'corrupt_file',
    `The DOCX could not be read: ${error instanceof Error ? error.message : String(error)}. Re-save it in Word or LibreOffice and upload it again.`,
    { cause: error },
  );
}
