import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PdfExtractor } from '../src/extractors/pdf.extractor';
import { runExtractor, testOcr, testPdfTextPool } from './support/extract';
import { ScanReader } from '../src/ocr/scan-reader';

/** A line drawn at its size, each line below the previous by 1.4 times its size (more after `gap`). */
interface Drawn {
  text: string;
  size?: number;
  gap?: boolean;
}

/** A one-page PDF drawn as a word processor would: Helvetica, 11-point body text unless a line says otherwise. */
async function pagePdf(lines: readonly Drawn[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  let y = 800;
  for (const { text, size = 11, gap } of lines) {
    y -= size * 1.4 + (gap ? 14 : 0);
    page.drawText(text, { x: 50, y, size, font });
  }
  return Buffer.from(await pdf.save());
}

const BODY = [
  'The committee met on the third of March to review the budget for the coming year.',
  'It agreed to the proposals below and asked the treasurer to report in June.',
];

describe('PDF pages as Markdown', () => {
  const pdf = new PdfExtractor(testPdfTextPool(), new ScanReader(testOcr()), 150);
  const textOf = async (lines: readonly Drawn[]) => (await runExtractor(pdf, await pagePdf(lines)))[0].text;

  it('marks lines set larger than the body text as headings, one level per size, largest first, each opening a block', async () => {
    const text = await textOf([
      { text: 'Annual Report 2024', size: 22 },
      { text: 'Budget review', size: 15, gap: true },
      ...BODY.map((line) => ({ text: line })),
      { text: 'Decisions taken', size: 15, gap: true },
      { text: 'Staff costs', size: 13, gap: true },
      ...BODY.map((line) => ({ text: line })),
    ]);
    expect(text).toBe(
      [
        '## Annual Report 2024',
        `### Budget review\n${BODY.join('\n')}`,
        '### Decisions taken',
        `#### Staff costs\n${BODY.join('\n')}`,
      ].join('\n\n'),
    );
  });

  it('writes a heading that wraps onto two lines as one heading', async () => {
    const text = await textOf([
      { text: 'A long report title that needs', size: 20 },
      { text: 'two lines on the page', size: 20 },
      ...BODY.map((line) => ({ text: line, gap: line === BODY[0] })),
    ]);
    expect(text).toBe(`## A long report title that needs two lines on the page\n\n${BODY.join('\n')}`);
  });

  it('leaves large text alone when a whole block of it is large, and amounts and labels set large', async () => {
    const large = ['Four lines of large text', 'as a slide or a poster', 'sets them, one after', 'another in one block'];
    const text = await textOf([
      ...large.map((line) => ({ text: line, size: 16 })),
      { text: 'EUR 1,250.00', size: 16, gap: true },
      ...BODY.map((text) => ({ text })),
      { text: 'Name:', size: 14, gap: true },
      { text: 'Acme Ltd', size: 14 },
    ]);
    expect(text).not.toContain('#');
  });

  it('writes bulleted lines as Markdown list items and keeps numbered ones as they are', async () => {
    const text = await textOf([
      ...BODY.map((line) => ({ text: line })),
      { text: '• Approve the budget' },
      { text: '- Hire two engineers' },
      { text: '1. Report in June' },
      { text: '2) Meet again in July' },
    ]);
    expect(text.split('\n').slice(2)).toEqual([
      '- Approve the budget',
      '- Hire two engineers',
      '1. Report in June',
      '2) Meet again in July',
    ]);
  });

  it('escapes a line that would otherwise read as a Markdown heading', async () => {
    const text = await textOf([{ text: '# of items: 12' }, ...BODY.map((line) => ({ text: line }))]);
    expect(text.split('\n')[0]).toBe('\\# of items: 12');
  });
});
