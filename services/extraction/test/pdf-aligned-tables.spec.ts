import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { PdfExtractor } from '../src/extractors/pdf.extractor';
import { ScanReader } from '../src/ocr/scan-reader';
import { runExtractor, testOcr, testPdfTextPool } from './support/extract';

const SIZE = 10;
const LEADING = 14;

/** Text placed at its x on each line; `right` x's are where a right-aligned text ends. */
type Placed = { text: string; x: number; right?: boolean };

/** A one-page PDF with Helvetica lines, each line's texts placed by x (no rules drawn), 14 points apart from y 780 down. */
async function alignedPdf(lines: readonly (readonly Placed[])[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  lines.forEach((line, index) => line.forEach((placed) => draw(page, font, placed, 780 - index * LEADING)));
  return Buffer.from(await pdf.save());
}

function draw(page: PDFPage, font: PDFFont, { text, x, right }: Placed, y: number): void {
  page.drawText(text, { x: right ? x - font.widthOfTextAtSize(text, SIZE) : x, y, size: SIZE, font });
}

/** Rows of cells at the columns' x, the numbers right-aligned at their column's right edge, as invoices set them. */
function rowsAt(columns: readonly Placed[], rows: readonly (readonly string[])[]): Placed[][] {
  return rows.map((row) => row.map((text, index) => ({ ...columns[index], text })).filter((placed) => placed.text !== ''));
}

const prose = (text: string): Placed[] => [{ text, x: 60 }];

describe('PDF tables without rules, read from aligned text', () => {
  const pdf = new PdfExtractor(testPdfTextPool(), new ScanReader(testOcr()), 150);
  const textOf = async (lines: readonly (readonly Placed[])[]) => (await runExtractor(pdf, await alignedPdf(lines)))[0].text;

  it("writes an invoice's line items in three aligned columns as a Markdown table between the text around it", async () => {
    const columns = [
      { text: '', x: 60 },
      { text: '', x: 330, right: true },
      { text: '', x: 480, right: true },
    ];
    const text = await textOf([
      prose('Invoice 2024-117 for the work done in March.'),
      [],
      ...rowsAt(columns, [
        ['Description', 'Hours', 'Amount'],
        ['Design workshop', '6', '870.00'],
        ['Implementation of the booking page', '24', '3,480.00'],
        ['Review and handover', '3', '435.00'],
      ]),
      [],
      prose('Payment is due within 30 days.'),
    ]);
    expect(text).toBe(
      [
        'Invoice 2024-117 for the work done in March.',
        [
          '| Description | Hours | Amount |',
          '| --- | --- | --- |',
          '| Design workshop | 6 | 870.00 |',
          '| Implementation of the booking page | 24 | 3,480.00 |',
          '| Review and handover | 3 | 435.00 |',
        ].join('\n'),
        'Payment is due within 30 days.',
      ].join('\n\n'),
    );
  });

  it('keeps a cell empty where a row leaves its column blank, and a title line above the table as text', async () => {
    const columns = [
      { text: '', x: 60 },
      { text: '', x: 250, right: true },
      { text: '', x: 330, right: true },
      { text: '', x: 410, right: true },
    ];
    const text = await textOf([
      prose('Table 1: Real GDP growth rate (percentage change on previous year)'),
      ...rowsAt(columns, [
        ['', 'Finland', 'EU-15', 'EU-25'],
        ['1996', '3.7', '1.6', '1.7'],
        ['2000', '5.0', '', '3.9'],
        ['2005', '1.5', '1.5', '1.6'],
      ]),
    ]);
    expect(text).toBe(
      [
        'Table 1: Real GDP growth rate (percentage change on previous year)',
        '| | Finland | EU-15 | EU-25 |\n| --- | --- | --- | --- |\n| 1996 | 3.7 | 1.6 | 1.7 |\n| 2000 | 5.0 | | 3.9 |\n| 2005 | 1.5 | 1.5 | 1.6 |',
      ].join('\n\n'),
    );
  });

  it('writes a row of labels over a rate’s row and the sum’s row as a table whose columns are the labels, each value under its own', async () => {
    // itext's invoices: labels set flush left, each figure flush right before the next label (the total with its currency), the
    // sum's row leaving the rate's cells empty.
    const labels = ['TAX:', 'Base amount:', 'Tax amount:', 'Total:', 'Curr.:'].map((text, index) => ({ text, x: 60 + 120 * index }));
    const figures = (...texts: string[]) => texts.map((text, index) => ({ text, x: 290 + 120 * index, right: true }));
    const text = await textOf([
      labels,
      [{ text: 'VAT', x: 60 }, { text: '21.00', x: 120, right: true }, ...figures('522.31', '109.69', '632.00'), { text: 'EUR', x: 534 }],
      [...figures('522.31', '109.69', '632.00'), { text: 'EUR', x: 534 }],
      [],
      prose('Please wire the amount due to our bank account.'),
    ]);
    expect(text).toBe(
      [
        '| TAX: | Base amount: | Tax amount: | Total: | Curr.: |',
        '| --- | --- | --- | --- | --- |',
        '| VAT 21.00 | 522.31 | 109.69 | 632.00 EUR | |',
        '| | 522.31 | 109.69 | 632.00 EUR | |',
        '',
        'Please wire the amount due to our bank account.',
      ].join('\n'),
    );
  });

  it('joins a value that runs on below its start to its cell, as an IBAN’s last digits', async () => {
    const text = await textOf([
      [
        { text: 'Bank', x: 60 },
        { text: 'IBAN', x: 200 },
        { text: 'BIC', x: 400 },
      ],
      [
        { text: '044 025 50', x: 60 },
        { text: 'DE67 1004 8392 7221', x: 200 },
      ],
      [{ text: '8882 72', x: 200 }],
    ]);
    expect(text).toBe('| Bank | IBAN | BIC |\n| --- | --- | --- |\n| 044 025 50 | DE67 1004 8392 7221 8882 72 | |');
  });

  it('leaves prose as text, however its lines end', async () => {
    const text = await textOf([
      prose('The committee met on the third of March to review the budget for'),
      prose('the coming year. It agreed to the proposals below and asked the'),
      prose('treasurer to report in June, after the accounts are closed.'),
      prose('Members who could not attend may send their comments in writing.'),
    ]);
    expect(text).not.toContain('|');
  });

  it('leaves a two-column article as text', async () => {
    const left = [
      'The river rose by two metres in the',
      'night and flooded the lower town,',
      'where most of the shops were closed',
      'for the holiday. Residents were told',
      'to move their cars to higher ground',
      'and to keep away from the embankment',
      'until the water had gone down again.',
    ];
    const right = [
      'The council opened the school hall to',
      'families who had to leave their homes',
      'and asked volunteers to bring blankets',
      'and food. By the morning more than a',
      'hundred people had registered there,',
      'most of them from the streets nearest',
      'the old bridge over the river itself.',
    ];
    const text = await textOf(
      left.map((line, index) => [
        { text: line, x: 60 },
        { text: right[index], x: 320 },
      ]),
    );
    expect(text).not.toContain('|');
    for (const line of [...left, ...right]) expect(text).toContain(line);
  });

  it('leaves a table of contents with its right-aligned page numbers as text', async () => {
    const columns = [
      { text: '', x: 60 },
      { text: '', x: 90 },
      { text: '', x: 480, right: true },
    ];
    const text = await textOf(
      rowsAt(columns, [
        ['1', 'Introduction', '1'],
        ['2', 'The budget for the coming year', '4'],
        ['3', 'Staff and premises', '9'],
        ['4', 'Decisions taken', '12'],
      ]),
    );
    expect(text).not.toContain('|');
    expect(text).toContain('2 The budget for the coming year 4');
  });

  it('leaves a block of labels and their values as text, two lines or more', async () => {
    const twoLines = await textOf([
      [
        { text: 'Invoice number', x: 60 },
        { text: '2024-117', x: 200 },
        { text: 'Acme Ltd', x: 400 },
      ],
      [
        { text: 'Invoice date', x: 60 },
        { text: '12 March 2024', x: 200 },
        { text: 'Main Street 1', x: 400 },
      ],
    ]);
    expect(twoLines).not.toContain('|');
    const form = await textOf([
      [
        { text: 'Acme Ltd', x: 60 },
        { text: 'Invoice number:', x: 330 },
        { text: '2024-117', x: 450 },
      ],
      [
        { text: 'Main Street 1', x: 60 },
        { text: 'Invoice date:', x: 330 },
        { text: '12 March 2024', x: 450 },
      ],
      [
        { text: '1000 Brussels', x: 60 },
        { text: 'Customer:', x: 330 },
        { text: 'C-2231', x: 450 },
      ],
    ]);
    expect(form).not.toContain('|');
    expect(form).toContain('Main Street 1 Invoice date: 12 March 2024');
  });
});
