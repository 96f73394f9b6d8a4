import { parseCsv } from './csv-rows';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { decodeText } from './text-decoding';

/** One line per row, cells separated by tabs, so a cell's commas and line breaks cannot blur the rows. */
export class CsvExtractor implements Extractor {
  readonly name = 'csv';
  readonly mediaTypes = ['text/csv', 'application/csv', 'text/tab-separated-values'] as const;

  async extract({ bytes, charset, text }: ExtractionInput): Promise<PageText[]> {
    text.assertInputFits(bytes.length);
    const rows = parseCsv(decodeText(bytes, charset));
    const lines = rows.map((cells) => cells.map((cell) => cell.replace(/\s+/g, ' ').trim()).join('\t'));
    return [{ text: text.spend(lines.join('\n')), ocr: false }];
  }
}
