import { parseCsv } from './csv-rows';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { sheetMarkdown } from './sheet-markdown';
import { decodeText } from './text-decoding';

/** A CSV is a sheet without a name: a Markdown table like a workbook's, so a cell's commas and line breaks cannot blur the rows. */
export class CsvExtractor implements Extractor {
  readonly name = 'csv';
  readonly mediaTypes = ['text/csv', 'application/csv', 'text/tab-separated-values'] as const;

  async extract({ bytes, charset, text }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    return [{ text: text.spend(sheetMarkdown('', parseCsv(decodeText(bytes, charset)))), ocr: false }];
  }
}
