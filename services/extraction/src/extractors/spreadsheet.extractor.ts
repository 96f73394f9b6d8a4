import { read, SSF, type CellObject, type WorkBook } from '@e965/xlsx';
import { ExtractionFailedError } from '../extraction.errors';
import { assertPageCount } from '../limits';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { sheetMarkdown, type SheetGrid } from './sheet-markdown';
import { assertZipWithinLimits } from './zip-guard';

const formats: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
};

// SheetJS's built-in date formats 14 and 22 (which follow the reader's locale) have a two-digit year; Excel in en-US
// shows four digits, unambiguous in text.
const FOUR_DIGIT_YEAR: Record<string, string> = { 'm/d/yy': 'm/d/yyyy', 'm/d/yy h:mm': 'm/d/yyyy h:mm' };

/**
 * Workbooks through SheetJS, a page per sheet: each cell as the spreadsheet shows it (its number format applied to
 * the stored value, so a date is `9/20/18`, not the serial 43363, and a formula gives its computed result),
 * rendered as Markdown by sheetMarkdown. SheetJS reads synchronously: the zip guard bounds its work beforehand.
 */
export class SpreadsheetExtractor implements Extractor {
  readonly name = 'spreadsheet';
  readonly mediaTypes = Object.keys(formats);

  async extract({ bytes, mediaType, limits, deadline, text }: ExtractionInput): Promise<PageText[]> {
    await assertZipWithinLimits(bytes, limits, deadline);
    const book = parse(bytes, formats[mediaType]);
    assertPageCount(book.SheetNames.length, limits);
    return book.SheetNames.map((name) => {
      deadline.check();
      return { text: text.spend(sheetMarkdown(name, gridOf(book, name))), ocr: false };
    });
  }
}

function parse(bytes: Buffer, format: string): WorkBook {
  try {
    return read(bytes, {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellNF: true,
      cellStyles: false,
      bookVBA: false,
    });
  } catch (error) {
    throw new ExtractionFailedError(
      'corrupt_file',
      `The ${format} could not be read: ${error instanceof Error ? error.message : String(error)}. Re-save it in its spreadsheet program and upload it again.`,
      { cause: error },
    );
  }
}

/** The displayed text of every cell; a chart sheet or an empty sheet has none. */
function gridOf(book: WorkBook, name: string): SheetGrid {
  const rows = (book.Sheets[name] as { '!data'?: (CellObject[] | undefined)[] } | undefined)?.['!data'] ?? [];
  return rows.map((row) => row?.map(displayed));
}

function displayed(cell: CellObject | undefined): string | undefined {
  if (!cell || cell.t === 'z') return undefined;
  if (cell.t === 'n' && typeof cell.v === 'number') {
    // General shows what fits a column (1.23457E+15); text wants every digit of an account number.
    if (cell.z === undefined || cell.z === 'General')
      return Number.isSafeInteger(cell.v) ? String(cell.v) : String(Number(cell.v.toPrecision(15)));
    const format = typeof cell.z === 'string' ? FOUR_DIGIT_YEAR[cell.z] : undefined;
    if (format) return SSF.format(format, cell.v);
  }
  if (cell.w !== undefined) return cell.w;
  return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : cell.v?.toString();
}
