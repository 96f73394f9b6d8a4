import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PdfExtractor } from '../src/extractors/pdf.extractor';
import { ScanReader } from '../src/ocr/scan-reader';
import { runExtractor, testOcr, testPdfTextPool } from './support/extract';

const SIZE = 10;
const LEADING = 12;

/** Two paragraphs, each a few whole sentences, set as the lines of one column. */
const LEFT = [
  'The river rose by two metres in the night',
  'and flooded the lower town, where most of',
  'the shops were closed for the holiday. The',
  'residents were told to move their cars to',
  'higher ground and to keep away from the old',
  'embankment until the water had gone down.',
  'Nobody was hurt, the police said at noon.',
];
const RIGHT = [
  'The council opened the school hall to the',
  'families who had to leave their homes and',
  'asked volunteers to bring blankets and hot',
  'food. By the morning more than a hundred',
  'people had registered there, most of them',
  'from the streets nearest the old bridge. A',
  'second hall will open if the rain goes on.',
];

/**
 * A one-page PDF set line by line across both columns (left line, then right line on the same baseline, in one
 * text object), as some producers write it: pdf.js then reports the move across the gutter as a run of spaces.
 */
async function twoColumnPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const page = pdf.addPage([595, 842]);
  page.drawText('Flood in the lower town', { x: 60, y: 790, size: 16, font });
  LEFT.forEach((line, index) => {
    const y = 750 - index * LEADING;
    page.drawText(line, { x: 60, y, size: SIZE, font });
    page.drawText(RIGHT[index], { x: 320, y, size: SIZE, font });
  });
  return Buffer.from(await pdf.save());
}

describe('PDF pages in two columns', () => {
  const pdf = new PdfExtractor(testPdfTextPool(), new ScanReader(testOcr()), 150);

  it('reads a page set line by line across two columns column by column, each sentence whole', async () => {
    const text = (await runExtractor(pdf, await twoColumnPdf()))[0].text.replace(/\s+/g, ' ');
    const left = LEFT.join(' ');
    const right = RIGHT.join(' ');
    expect(text).toContain(left);
    expect(text).toContain(right);
    expect(text.indexOf(left)).toBeLessThan(text.indexOf(right));
  });
});
