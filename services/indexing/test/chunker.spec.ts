import { blocksOf, chunkerVersion, chunkPages } from '../src/chunker';

const settings = { maxChars: 200, overlapChars: 40 };
const sentence = (n: number) => `Sentence number ${n} says something useful here.`;

describe('chunkPages', () => {
  it('keeps a short page as one chunk on its page, paragraphs separated by a blank line', () => {
    expect(chunkPages([{ number: 3, text: 'First paragraph.\n\nSecond   paragraph\nwraps here.' }], settings)).toEqual([
      { ordinal: 0, page: 3, text: 'First paragraph.\n\nSecond paragraph wraps here.', heading: null },
    ]);
  });

  it('never lets a chunk span two pages, and numbers chunks across the document', () => {
    const chunks = chunkPages(
      [
        { number: 1, text: 'Page one text.' },
        { number: 2, text: 'Page two text.' },
      ],
      settings,
    );
    expect(chunks.map(({ ordinal, page, text }) => [ordinal, page, text])).toEqual([
      [0, 1, 'Page one text.'],
      [1, 2, 'Page two text.'],
    ]);
  });

  it('skips empty and whitespace-only pages', () => {
    expect(
      chunkPages(
        [
          { number: 1, text: '' },
          { number: 2, text: ' \n\n\t ' },
          { number: 3, text: 'Text.' },
        ],
        settings,
      ).map((chunk) => chunk.page),
    ).toEqual([3]);
  });

  it('starts a new chunk at each heading and remembers the section heading for the chunks under it', () => {
    const text = ['# Payment terms', 'Pay within thirty days.', '2. Delivery', 'Goods ship in one week.'].join('\n\n');
    expect(chunkPages([{ number: 1, text }], settings)).toEqual([
      { ordinal: 0, page: 1, text: 'Payment terms\n\nPay within thirty days.', heading: 'Payment terms' },
      { ordinal: 1, page: 1, text: '2. Delivery\n\nGoods ship in one week.', heading: '2. Delivery' },
    ]);
  });

  it('keeps a heading with nothing under it as text of its own', () => {
    expect(chunkPages([{ number: 1, text: 'ANNUAL REPORT 2023' }], settings)).toEqual([
      { ordinal: 0, page: 1, text: 'ANNUAL REPORT 2023', heading: 'ANNUAL REPORT 2023' },
    ]);
  });

  it('packs paragraphs up to the size limit, cuts long paragraphs between sentences, and overlaps consecutive chunks', () => {
    const paragraph = Array.from({ length: 12 }, (_, i) => sentence(i)).join(' ');
    const chunks = chunkPages([{ number: 1, text: paragraph }], settings);

    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(settings.maxChars);
    for (let i = 0; i < 12; i++) expect(chunks.some((chunk) => chunk.text.includes(sentence(i)))).toBe(true);
    for (let i = 1; i < chunks.length; i++) {
      const overlap = chunks[i].text.slice(0, 20);
      expect(chunks[i - 1].text).toContain(overlap);
    }
    // Apart from the overlap, chunks start where a sentence starts.
    expect(chunks[0].text.startsWith('Sentence number 0')).toBe(true);
  });

  it('cuts a sentence longer than a chunk between words, and a word longer than a chunk where it must', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkPages([{ number: 1, text: `${words} ${'x'.repeat(450)}` }], { maxChars: 100, overlapChars: 0 });

    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(100);
    expect(
      chunks
        .map((chunk) => chunk.text)
        .join(' ')
        .replace(/\s+/g, ' '),
    ).toBe(`${words} ${'x'.repeat(450)}`.replace(/(x{100})(?=x)/g, '$1 '));
    expect(chunks[0].text.split(' ').every((word) => /^word\d+$/.test(word))).toBe(true);
  });

  it('gives the same chunks for the same text, so re-indexing overwrites chunk by chunk', () => {
    const pages = [{ number: 1, text: Array.from({ length: 20 }, (_, i) => sentence(i)).join('\n\n') }];
    expect(chunkPages(pages, settings)).toEqual(chunkPages(pages, settings));
  });

  it('refuses an overlap as long as a chunk', () => {
    expect(() => chunkPages([], { maxChars: 100, overlapChars: 100 })).toThrow(RangeError);
  });
});

describe('chunkPages with Markdown tables', () => {
  const header = '| Item | Qty | Price |\n| --- | --- | --- |';
  const row = (n: number) => `| Item number ${n} | ${n} | ${n * 10}.00 |`;
  const table = (rows: number) => [header, ...Array.from({ length: rows }, (_, i) => row(i + 1))].join('\n');

  it('keeps a table that fits with the text around it, a row per line', () => {
    const text = `Order summary follows.\n\n${table(2)}\n\nPrices include VAT.`;
    expect(chunkPages([{ number: 1, text }], settings).map((chunk) => chunk.text)).toEqual([
      `Order summary follows.\n\n${table(2)}\n\nPrices include VAT.`,
    ]);
  });

  it('cuts a long table between rows, every chunk of it starting with the header row and separator', () => {
    const rows = 30;
    const chunks = chunkPages([{ number: 1, text: `# Order\n\n${table(rows)}` }], settings);

    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(settings.maxChars);
      expect(chunk.heading).toBe('Order');
    }
    expect(chunks[0].text.startsWith(`Order\n\n${header}\n| Item number 1 |`)).toBe(true);
    for (const chunk of chunks.slice(1)) expect(chunk.text.startsWith(`${header}\n`)).toBe(true);
    // Every line is a whole row of the table, and every row is in exactly one chunk: none starts mid-row or repeats.
    const bodyLines = chunks.flatMap((chunk) => chunk.text.split('\n')).filter((line) => line.startsWith('| Item number'));
    expect(bodyLines).toEqual(Array.from({ length: rows }, (_, i) => row(i + 1)));
  });

  it('starts a table that does not fit after the text before it in a chunk of its own, and passes no row on as overlap', () => {
    const prose = Array.from({ length: 3 }, (_, i) => sentence(i)).join(' ');
    const after = Array.from({ length: 4 }, (_, i) => sentence(10 + i)).join(' ');
    const chunks = chunkPages([{ number: 1, text: `${prose}\n\n${table(6)}\n\n${after}` }], settings);

    expect(chunks[0].text).toBe(prose);
    expect(chunks[1].text.startsWith(header)).toBe(true);
    const proseAfter = chunks.filter((chunk) => chunk.text.includes(sentence(10)));
    expect(proseAfter[0].text.startsWith(sentence(10)) || proseAfter[0].text.includes(`|\n\n${sentence(10)}`)).toBe(true);
    for (const chunk of chunks) expect(chunk.text).not.toMatch(/^[^|\n]*\d+ \|/);
  });

  it('cuts a row longer than a chunk between words, each part after the header', () => {
    const long = `| Notes | ${Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ')} | 1 |`;
    const chunks = chunkPages([{ number: 1, text: `${header}\n${long}\n${row(1)}` }], settings);

    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(settings.maxChars);
      expect(chunk.text.startsWith(`${header}\n`)).toBe(true);
    }
    const words = chunks.map((chunk) => chunk.text.slice(header.length + 1)).join(' ');
    for (let i = 0; i < 60; i++) expect(words).toContain(`word${i}`);
    expect(chunks.at(-1)!.text.endsWith(row(1))).toBe(true);
  });

  it('does not repeat a header longer than half a chunk: it opens the first chunk only', () => {
    const wide = `| ${Array.from({ length: 8 }, (_, i) => `Column ${i}`).join(' | ')} |\n|${' --- |'.repeat(8)}`;
    const rows = Array.from({ length: 8 }, (_, i) => `| ${Array.from({ length: 8 }, (_, j) => `${i}.${j}`).join(' | ')} |`);
    const chunks = chunkPages([{ number: 1, text: [wide, ...rows].join('\n') }], settings);

    expect(wide.length).toBeGreaterThan(settings.maxChars / 2);
    expect(chunks[0].text.startsWith(`${wide}\n${rows[0]}`)).toBe(true);
    for (const chunk of chunks.slice(1)) expect(chunk.text).toMatch(/^\| \d\.0 \|/);
    expect(chunks.flatMap((chunk) => chunk.text.split('\n')).filter((line) => /^\| \d\./.test(line))).toEqual(rows);
  });
});

describe('blocksOf', () => {
  it('tells headings (markdown, numbered, upper-case, title case) from paragraphs', () => {
    expect(
      blocksOf(
        '## Scope\n\n1.2 Definitions\n\nTERMS AND CONDITIONS\n\nMonthly Service Report\n\nThis is a sentence.\n\nA line, with a comma',
      ),
    ).toEqual([
      { kind: 'heading', text: 'Scope' },
      { kind: 'heading', text: '1.2 Definitions' },
      { kind: 'heading', text: 'TERMS AND CONDITIONS' },
      { kind: 'heading', text: 'Monthly Service Report' },
      { kind: 'paragraph', text: 'This is a sentence.' },
      { kind: 'paragraph', text: 'A line, with a comma' },
    ]);
  });

  it('reads a Markdown table as a block of its own, apart from the caption line above it and the text below', () => {
    expect(blocksOf('Price list 2026\n| Item | Price |\n| --- | --- |\n| Desk | 120 |\nValid until May.')).toEqual([
      { kind: 'paragraph', text: 'Price list 2026' },
      { kind: 'table', header: '| Item | Price |\n| --- | --- |', rows: ['| Desk | 120 |'] },
      { kind: 'paragraph', text: 'Valid until May.' },
    ]);
  });

  it('takes lines with pipes but no separator under the first for prose, and two tables in a row for two tables', () => {
    expect(blocksOf('| not | a table |\n| just | pipes |')).toEqual([{ kind: 'paragraph', text: '| not | a table | | just | pipes |' }]);
    expect(blocksOf('| a | b |\n| --- | --- |\n| 1 | 2 |\n| c | d |\n| :---: | ---: |\n| 3 | 4 |')).toEqual([
      { kind: 'table', header: '| a | b |\n| --- | --- |', rows: ['| 1 | 2 |'] },
      { kind: 'table', header: '| c | d |\n| :---: | ---: |', rows: ['| 3 | 4 |'] },
    ]);
  });

  it('splits a heading off the paragraph it is directly above', () => {
    expect(blocksOf('Thanks')).toEqual([{ kind: 'paragraph', text: 'Thanks' }]);
    expect(blocksOf('Summary\nThe project finished on time.\r\nCosts stayed within budget.')).toEqual([
      { kind: 'heading', text: 'Summary' },
      { kind: 'paragraph', text: 'The project finished on time. Costs stayed within budget.' },
    ]);
  });
});

it('records the chunker settings in its version', () => {
  expect(chunkerVersion({ maxChars: 1200, overlapChars: 150 })).toBe('2-max1200-overlap150');
});
