import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import { CsvExtractor } from '../src/extractors/csv.extractor';
import { DocxExtractor } from '../src/extractors/docx.extractor';
import { HtmlExtractor } from '../src/extractors/html.extractor';
import { runExtractor as run } from './support/extract';

const html = new HtmlExtractor();

async function htmlText(body: string): Promise<string> {
  const [page] = await run(html, Buffer.from(`<!doctype html><html><body>${body}</body></html>`));
  return page.text;
}

describe('HTML tables', () => {
  it('come out as Markdown tables: the first row as header, a separator, a line per row, the caption above', async () => {
    const text = await htmlText(
      '<h1>Prices</h1><table><caption>Price list 2026</caption>' +
        '<thead><tr><th>Item</th><th>Price</th></tr></thead>' +
        '<tbody><tr><td>Desk</td><td>120.00</td></tr><tr><td>Lamp</td><td>30.00</td></tr></tbody></table><p>Prices exclude VAT.</p>',
    );
    expect(text).toBe(
      ['Prices', 'Price list 2026', '| Item | Price |\n| --- | --- |\n| Desk | 120.00 |\n| Lamp | 30.00 |', 'Prices exclude VAT.'].join(
        '\n\n',
      ),
    );
  });

  it('escape a pipe in a cell and flatten a cell of several paragraphs onto its row', async () => {
    const text = await htmlText(
      '<table><tr><td>Term</td><td>Meaning</td></tr><tr><td>a | b</td><td><p>Either one.</p><p>Never both.</p></td></tr></table>',
    );
    expect(text).toBe('| Term | Meaning |\n| --- | --- |\n| a \\| b | Either one. Never both. |');
  });

  it('keep merged cells aligned under their columns, the text in the first slot', async () => {
    const text = await htmlText(
      '<table><tr><th>Region</th><th>Quarter</th><th>Sales</th></tr>' +
        '<tr><td rowspan="2">North</td><td>Q1</td><td>10</td></tr><tr><td>Q2</td><td>12</td></tr>' +
        '<tr><td colspan="2">Total</td><td>22</td></tr></table>',
    );
    expect(text).toBe('| Region | Quarter | Sales |\n| --- | --- | --- |\n| North | Q1 | 10 |\n| | Q2 | 12 |\n| Total | | 22 |');
  });

  it('leave out spacer rows and columns, and give a single row or column as its cells', async () => {
    const spaced = await htmlText(
      '<table><tr><td>Name</td><td></td><td>Role</td></tr><tr><td></td><td></td><td></td></tr><tr><td>Ann</td><td> </td><td>Chair</td></tr></table>',
    );
    expect(spaced).toBe('| Name | Role |\n| --- | --- |\n| Ann | Chair |');
    expect(await htmlText('<table><tr><td>Contact us</td><td>Opening hours</td></tr></table>')).toBe('Contact us\n\nOpening hours');
  });

  it('read a layout table (one holding another table) as blocks, the inner data table as a Markdown table', async () => {
    const text = await htmlText(
      '<table><tr><td><h2>Menu</h2></td><td><p>Our rates:</p><table><tr><th>Room</th><th>Rate</th></tr><tr><td>Single</td><td>80</td></tr></table></td></tr></table>',
    );
    expect(text).toBe('Menu\n\nOur rates:\n\n| Room | Rate |\n| --- | --- |\n| Single | 80 |');
  });

  it('cap an absurd colspan at the thousand columns HTML allows, the columns it leaves empty left out', async () => {
    const text = await htmlText('<table><tr><td colspan="99999999">Wide</td><td>x</td></tr><tr><td>a</td><td>b</td></tr></table>');
    expect(text).toBe('| Wide | | x |\n| --- | --- | --- |\n| a | b | |');
  });
});

describe('DOCX tables', () => {
  const cell = (text: string, options: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
    new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)), ...options });

  it('come out as Markdown tables where they stand, merged cells aligned and a cell of several paragraphs on its row', async () => {
    const table = new Table({
      rows: [
        new TableRow({ tableHeader: true, children: [cell('Service'), cell('Period'), cell('Fee (EUR)')] }),
        new TableRow({ children: [cell('Hosting', { verticalMerge: VerticalMergeType.RESTART }), cell('2026'), cell('1,200.00')] }),
        new TableRow({ children: [cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('2027'), cell('1,260.00')] }),
        new TableRow({ children: [cell('Support\nbusiness hours', { columnSpan: 2 }), cell('300.00')] }),
      ],
    });
    const bytes = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Schedule of fees'), table, new Paragraph('Fees are due yearly.')] }] }),
    );

    const [page] = await run(new DocxExtractor(), bytes);

    expect(page.text).toBe(
      [
        'Schedule of fees',
        [
          '| Service | Period | Fee (EUR) |',
          '| --- | --- | --- |',
          '| Hosting | 2026 | 1,200.00 |',
          '| | 2027 | 1,260.00 |',
          '| Support business hours | | 300.00 |',
        ].join('\n'),
        'Fees are due yearly.',
      ].join('\n\n'),
    );
  });
});

describe('CSV tables', () => {
  it('come out as a Markdown table, quoted delimiters and line breaks kept in their cell', async () => {
    const [page] = await run(new CsvExtractor(), Buffer.from('item,price\n"Desk, oak",120\n"Lamp\nLED",30\n"a|b",5\n'));
    expect(page.text).toBe('| item | price |\n| --- | --- |\n| Desk, oak | 120 |\n| Lamp LED | 30 |\n| a\\|b | 5 |');
  });
});
