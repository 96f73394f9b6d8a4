import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { PdfExtractor } from '../src/extractors/pdf.extractor';
import { ScanReader } from '../src/ocr/scan-reader';
import { runExtractor, testOcr, testPdfTextPool } from './support/extract';

const LEFT = 60;
const WIDTH = 150;
const TOP = 700;
const HEIGHT = 30;

interface TableDrawing {
  /** Rows of cells; a cell of two lines has a `\n`. */
  rows: string[][];
  /**
   * `grid`: vertical rules in every row, horizontal ones between all rows; `header`: vertical rules in the first row
   * only, horizontal ones under it and around the table; `rows`: horizontal rules between all rows, no vertical ones.
   */
  ruled: 'grid' | 'header' | 'rows';
  /** The first row's first cell spans all columns: no vertical rule inside that row. */
  title?: boolean;
  /** Each cell drawn as a box of its own, a 5-point gutter between boxes (instead of shared rules). */
  boxes?: boolean;
}

/** A page with a sentence, a ruled table drawn as a word processor draws one (rules, then each cell's text), and a sentence. */
async function tablePdf({ rows, ruled, title, boxes }: TableDrawing): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText('The rates agreed for the coming year are these.', { x: LEFT, y: TOP + 30, size: 11, font });
  const columns = rows[0].length;
  const bottom = TOP - rows.length * HEIGHT;
  const line = (x0: number, y0: number, x1: number, y1: number) =>
    page.drawLine({ start: { x: x0, y: y0 }, end: { x: x1, y: y1 }, thickness: 0.5 });
  if (boxes) {
    rows.forEach((row, r) =>
      row.forEach((_, c) =>
        page.drawRectangle({
          x: LEFT + c * WIDTH + 2.5,
          y: TOP - (r + 1) * HEIGHT + 2.5,
          width: WIDTH - 5,
          height: HEIGHT - 5,
          borderWidth: 0.5,
        }),
      ),
    );
  } else {
    for (let r = 0; r <= rows.length; r++)
      if (ruled !== 'header' || r <= 1 || r === rows.length) line(LEFT, TOP - r * HEIGHT, LEFT + columns * WIDTH, TOP - r * HEIGHT);
    for (let c = 0; c <= columns && ruled !== 'rows'; c++) {
      const inner = c > 0 && c < columns;
      const from = ruled === 'grid' || !inner ? bottom : TOP - HEIGHT;
      const to = title && inner ? TOP - HEIGHT : TOP;
      line(LEFT + c * WIDTH, from, LEFT + c * WIDTH, to);
    }
  }
  rows.forEach((row, r) => row.forEach((cell, c) => drawCell(page, font, cell, LEFT + c * WIDTH + 5, TOP - r * HEIGHT - 12)));
  page.drawText('Prices are in euros and exclude tax.', { x: LEFT, y: bottom - 30, size: 11, font });
  return Buffer.from(await pdf.save());
}

function drawCell(page: PDFPage, font: PDFFont, text: string, x: number, y: number): void {
  text.split('\n').forEach((line, i) => page.drawText(line, { x, y: y - i * 11, size: 10, font }));
}

describe('PDF tables as Markdown', () => {
  const pdf = new PdfExtractor(testPdfTextPool(), new ScanReader(testOcr()), 150);
  const textOf = async (bytes: Buffer) => (await runExtractor(pdf, bytes))[0].text;

  it('writes a ruled grid as a Markdown table between the text around it, a cell of two lines as one', async () => {
    const text = await textOf(
      await tablePdf({
        ruled: 'grid',
        rows: [
          ['Role', 'Hourly rate', 'Notes'],
          ['Senior consultant', '145 EUR', 'On site\nor remote'],
          ['Engineer', '110 EUR', 'Remote'],
        ],
      }),
    );
    expect(text).toBe(
      [
        'The rates agreed for the coming year are these.',
        '| Role | Hourly rate | Notes |\n| --- | --- | --- |\n| Senior consultant | 145 EUR | On site or remote |\n| Engineer | 110 EUR | Remote |',
        'Prices are in euros and exclude tax.',
      ].join('\n\n'),
    );
  });

  it('keeps a cell that wraps onto a second line in its row when only rules between rows are drawn', async () => {
    const text = await textOf(
      await tablePdf({
        ruled: 'rows',
        rows: [
          ['Role', 'Hourly rate', 'Notes'],
          ['Senior consultant', '145 EUR', 'On site\nor remote'],
          ['Engineer', '110 EUR', 'Remote'],
          ['Designer', '95 EUR', 'Remote\nor on site'],
        ],
      }),
    );
    expect(text).toContain(
      [
        '| Role | Hourly rate | Notes |',
        '| --- | --- | --- |',
        '| Senior consultant | 145 EUR | On site or remote |',
        '| Engineer | 110 EUR | Remote |',
        '| Designer | 95 EUR | Remote or on site |',
      ].join('\n'),
    );
  });

  it('reads a table whose cells are drawn as separate boxes with gutters between them', async () => {
    const text = await textOf(
      await tablePdf({
        ruled: 'grid',
        boxes: true,
        rows: [
          ['Pollutant', 'To air', 'To water'],
          ['Methane (CH4)', '100 000', '-'],
          ['Ammonia (NH3)', '10 000', '-'],
        ],
      }),
    );
    expect(text).toContain(
      '| Pollutant | To air | To water |\n| --- | --- | --- |\n| Methane (CH4) | 100 000 | - |\n| Ammonia (NH3) | 10 000 | - |',
    );
  });

  it('puts a title merged across the columns above the table', async () => {
    const text = await textOf(
      await tablePdf({
        ruled: 'grid',
        title: true,
        rows: [
          ['Rate card 2025', '', ''],
          ['Role', 'Hourly rate', 'Daily rate'],
          ['Engineer', '110 EUR', '800 EUR'],
        ],
      }),
    );
    expect(text).toContain('Rate card 2025\n\n| Role | Hourly rate | Daily rate |\n| --- | --- | --- |\n| Engineer | 110 EUR | 800 EUR |');
  });

  it('reads a table ruled only around its header by its aligned columns, not as one ruled row of many lines', async () => {
    const rows = [
      ['Role', 'Hourly rate', 'Daily rate'],
      ['Senior consultant', '145 EUR', '1,100 EUR'],
      ['Engineer', '110 EUR', '800 EUR'],
      ['Designer', '95 EUR', '700 EUR'],
      ['Intern', '40 EUR', '300 EUR'],
      ['Tester', '80 EUR', '600 EUR'],
    ];
    const text = await textOf(await tablePdf({ ruled: 'header', rows }));
    expect(text).toContain(
      [
        '| Role | Hourly rate | Daily rate |',
        '| --- | --- | --- |',
        '| Senior consultant | 145 EUR | 1,100 EUR |',
        '| Engineer | 110 EUR | 800 EUR |',
      ].join('\n'),
    );
    expect(text).toContain('| Tester | 80 EUR | 600 EUR |\n\nPrices are in euros and exclude tax.');
  });

  it('reads the ruled table of a real report page, its header merged across rows and columns (camelot-dev/camelot foo.pdf)', async () => {
    const text = await textOf(readFileSync(join(__dirname, 'fixtures/camelot-foo.pdf')));
    expect(text).toContain(
      [
        '| Cycle Name | KI (1/km) | Distance (mi) | Percent Fuel Savings | | | |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| | | | Improved Speed | Decreased Accel | Eliminate Stops | Decreased Idle |',
        '| 2012_2 | 3.30 | 1.3 | 5.9% | 9.5% | 29.2% | 17.4% |',
      ].join('\n'),
    );
    expect(text).toContain('| 4171_1 | 0.07 | 173.9 | 58.1% | 1.6% | 2.1% | 0.5% |\n\nFigure 2-1 extends');
  });
});
