import { layoutPageText, type PositionedRun } from '../src/extractors/pdf-layout';

/** A run of 10-point text whose glyphs are 5 points wide, at (x, y). */
function run(str: string, x: number, y: number, size = 10): PositionedRun {
  return { str, transform: [size, 0, 0, size, x, y], width: str.length * size * 0.5, height: size };
}

describe('PDF page layout', () => {
  it('turns a gap between positioned runs into a space, and keeps touching runs together', () => {
    const items = [run('993548900', 50, 700), run('Factuurnummer:', 100, 700), run('Tot', 50, 688), run('al', 65, 688)];
    expect(layoutPageText(items)).toBe('993548900 Factuurnummer:\nTotal');
  });

  it('reads a right-to-left line from right to left, whatever order the runs were drawn in', () => {
    // Logical order: שלום (right) then עולם (left); drawn left to right as most producers do.
    const items = [run('עולם', 100, 700), run('שלום', 130, 700)];
    expect(layoutPageText(items)).toBe('שלום עולם');
  });

  it('puts a letterhead the producer drew last back at the top of the page', () => {
    const rows = [
      ['Insured name', 'Gabriel Diaz'],
      ['Claim number', 'SF-1008'],
      ['Grand total', '5,738'],
    ];
    const items = rows.flatMap(([label, value], i) => [run(label, 40, 600 - i * 12), run(value, 200, 600 - i * 12)]);
    items.push(run('ZAVA AUTO REPAIR', 190, 760), run('123 Main Street, Redmond', 170, 748));
    expect(layoutPageText(items).split('\n').filter(Boolean)).toEqual([
      'ZAVA AUTO REPAIR',
      '123 Main Street, Redmond',
      ...rows.map((row) => row.join(' ')),
    ]);
  });

  it('puts a footer the producer drew first at the bottom of the page', () => {
    const body = ['First line of the letter', 'Second line of the letter'];
    const items = [run('Page 1 of 2', 100, 40), ...body.map((text, i) => run(text, 40, 700 - i * 12))];
    expect(layoutPageText(items).split('\n').filter(Boolean)).toEqual([...body, 'Page 1 of 2']);
  });

  it('keeps a sidebar drawn after the running text beside it after that text, not interleaved with it', () => {
    const prose = Array.from({ length: 5 }, (_, i) => `running text line ${i}`);
    const sidebar = Array.from({ length: 3 }, (_, i) => `sidebar entry ${i}`);
    const items = [...prose.map((text, i) => run(text, 40, 700 - i * 12)), ...sidebar.map((text, i) => run(text, 400, 700 - i * 12))];
    expect(layoutPageText(items).split('\n').filter(Boolean)).toEqual([...prose, ...sidebar]);
  });

  it('reads a summary whose amounts were drawn after its labels as one row per label and amount', () => {
    const labels = ['Subtotal', 'VAT 19%', 'Total'];
    const amounts = ['100,00 EUR', '19,00 EUR', '119,00 EUR'];
    const items = [
      run('Thank you for your order', 40, 640),
      ...labels.map((label, i) => run(label, 300, 600 - i * 12)),
      ...amounts.map((amount, i) => run(amount, 420, 600 - i * 12)),
    ];
    expect(layoutPageText(items).split('\n').filter(Boolean)).toEqual([
      'Thank you for your order',
      'Subtotal 100,00 EUR',
      'VAT 19% 19,00 EUR',
      'Total 119,00 EUR',
    ]);
  });

  it('keeps an address drawn after the block beside it apart: not every line of it holds a figure', () => {
    const sender = ['Acme GmbH', 'Hauptstr. 1', '10115 Berlin'];
    const customer = ['Kunde AG', 'Ring 5', '80331 München'];
    const items = [...sender.map((text, i) => run(text, 40, 700 - i * 12)), ...customer.map((text, i) => run(text, 300, 700 - i * 12))];
    expect(layoutPageText(items).split('\n').filter(Boolean)).toEqual([...sender, ...customer]);
  });

  it('reads a two-column page column by column, with a full-width title first', () => {
    const left = Array.from({ length: 8 }, (_, i) => `left column line number ${i} of prose text`);
    const right = Array.from({ length: 8 }, (_, i) => `right column line number ${i} of prose text`);
    // Drawn row by row (left line, right line), as some producers do.
    const items = [run('A title that spans the whole width of the page, both columns', 40, 760)];
    for (let i = 0; i < 8; i++) items.push(run(left[i], 40, 700 - i * 12), run(right[i], 320, 700 - i * 12));
    const lines = layoutPageText(items).split('\n').filter(Boolean);
    expect(lines).toEqual([items[0].str, ...left, ...right]);
  });

  it('reads a page set line by line column by column when pdf.js fills the gutter with a run of spaces', () => {
    const left = Array.from({ length: 8 }, (_, i) => `left column line number ${i} of prose text`);
    const right = Array.from({ length: 8 }, (_, i) => `right column line number ${i} of prose text`);
    const items: PositionedRun[] = [];
    for (let i = 0; i < 8; i++) {
      const y = 700 - i * 12;
      items.push(run(left[i], 40, y), { ...run(' ', 40 + left[i].length * 5, y), width: 280 - left[i].length * 5 }, run(right[i], 320, y));
    }
    expect(layoutPageText(items).split('\n').filter(Boolean)).toEqual([...left, ...right]);
  });

  it('keeps captions side by side above figures row by row, even when a run of spaces fills the gap between them', () => {
    // Two figures a row, each with a caption line and a note line, 130 points of figure between the rows.
    const items: PositionedRun[] = [];
    const lines: string[] = [];
    for (const [row, y] of [700, 560, 420].entries()) {
      for (const [step, kind] of ['caption', 'note on the figure'].entries()) {
        const texts = [`Left figure ${row} ${kind} in a box`, `Right figure ${row} ${kind} in a box`];
        const at = y - step * 12;
        items.push(run(texts[0], 40, at), { ...run(' ', 40 + texts[0].length * 5, at), width: 100 }, run(texts[1], 320, at));
        lines.push(`${texts[0]} ${texts[1]}`);
      }
    }
    expect(layoutPageText(items).split('\n').filter(Boolean)).toEqual(lines);
  });

  it('keeps a grid of labels row by row, even when runs of spaces fill the gaps between its cells', () => {
    const items: PositionedRun[] = [];
    const lines: string[] = [];
    for (let row = 0; row < 10; row++) {
      const cells = Array.from({ length: 8 }, (_, column) => `Sample ${row}.${column} = 0.${row}0, 0.${column}0, 0.50`);
      cells.forEach((cell, column) => {
        items.push(run(cell, 40 + column * 160, 700 - row * 14));
        if (column < 7) items.push({ ...run(' ', 40 + column * 160 + cell.length * 5, 700 - row * 14), width: 160 - cell.length * 5 });
      });
      lines.push(cells.join(' '));
    }
    expect(layoutPageText(items).split('\n').filter(Boolean)).toEqual(lines);
  });

  it('keeps label and value on one line in a form-like page', () => {
    const items: PositionedRun[] = [];
    for (let i = 0; i < 10; i++) items.push(run(`Label ${i}:`, 40, 700 - i * 12), run(`value ${i}`, 320, 700 - i * 12));
    expect(layoutPageText(items).split('\n')[3]).toBe('Label 3: value 3');
  });

  it('keeps a superscript, smaller and raised, on its line', () => {
    const items = [run('On the 240', 50, 700), run('th', 100, 704, 6), run(' day', 106, 700), run('Next line', 50, 688)];
    expect(layoutPageText(items)).toBe('On the 240th day\nNext line');
  });

  it('replaces ligatures with their letters', () => {
    expect(layoutPageText([run('ﬁnal', 10, 10)])).toBe('final');
  });
});
