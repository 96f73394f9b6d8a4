import { DOMParser } from '@xmldom/xmldom';
import { DocxExtractor } from '../src/extractors/docx.extractor';
import { chartToMarkdown, MAX_CHART_ROWS } from '../src/extractors/docx/chart-text';
import { ommlToLinear } from '../src/extractors/docx/omml-linear';
import { structuredDocx } from './support/docx-structure';
import { runExtractor } from './support/extract';

async function extract(bytes: Buffer): Promise<string[]> {
  return (await runExtractor(new DocxExtractor(), bytes)).map((page) => page.text);
}

const M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"';
const math = (body: string) =>
  ommlToLinear(new DOMParser().parseFromString(`<m:oMath ${M}>${body}</m:oMath>`, 'text/xml').documentElement!);
const r = (text: string) => `<m:r><m:t>${text}</m:t></m:r>`;

describe('DOCX structure', () => {
  let pages: string[];
  beforeAll(async () => {
    pages = await extract(await structuredDocx());
  });

  it('reads equations as linear text where they stand', () => {
    expect(pages[0]).toContain('Energy is E=mc^2 as usual.');
    expect(pages[0]).toContain('(a+b)/2+√x+∑_(i=1)^n i');
  });

  it('puts the page header before the first page and the footer after the last', () => {
    expect(pages).toHaveLength(2);
    expect(pages[0].startsWith('Acme Ltd quarterly review\n\nSales grew in every region[1]')).toBe(true);
    expect(pages[1].endsWith('Confidential footer')).toBe(true);
  });

  it('keeps footnotes (without the back-link arrow) and text boxes', () => {
    const all = pages.join('\n');
    expect(all).toContain('Source: the annual report of Acme Ltd.');
    expect(all).not.toContain('↑');
    expect(pages[0]).toContain('Remember the deadline in the box');
  });

  it('gives a chart its title and a table of its series values, where it stands', () => {
    expect(pages[1]).toContain(
      [
        'Quarterly sales',
        '',
        '|  | North | South |',
        '| --- | --- | --- |',
        '| Q1 | 10 | 5 |',
        '| Q2 | 20 | 7.5 |',
        '',
        'After the chart.',
      ].join('\n'),
    );
  });
});

describe('OMML as linear text', () => {
  it('writes fractions, scripts, roots, delimiters, functions and matrices as Word’s linear format does', () => {
    expect(math(`<m:f><m:num>${r('1')}</m:num><m:den>${r('n+1')}</m:den></m:f>`)).toBe('1/(n+1)');
    expect(math(`<m:sSubSup><m:e>${r('x')}</m:e><m:sub>${r('i,j')}</m:sub><m:sup>${r('2')}</m:sup></m:sSubSup>`)).toBe('x_(i,j)^2');
    expect(math(`<m:rad><m:deg>${r('3')}</m:deg><m:e>${r('y+1')}</m:e></m:rad>`)).toBe('∛(y+1)');
    expect(math(`<m:d><m:dPr><m:begChr m:val="["/><m:endChr m:val="]"/></m:dPr><m:e>${r('a')}</m:e><m:e>${r('b')}</m:e></m:d>`)).toBe(
      '[a|b]',
    );
    expect(math(`<m:func><m:fName>${r('sin')}</m:fName><m:e>${r('θ')}</m:e></m:func>`)).toBe('sin θ');
    expect(
      math(`<m:m><m:mr><m:e>${r('a')}</m:e><m:e>${r('b')}</m:e></m:mr><m:mr><m:e>${r('c')}</m:e><m:e>${r('d')}</m:e></m:mr></m:m>`),
    ).toBe('■(a&b@c&d)');
    expect(
      math(
        `<m:nary><m:naryPr><m:chr m:val="∫"/></m:naryPr><m:sub>${r('0')}</m:sub><m:sup>${r('∞')}</m:sup><m:e>${r('f(x)dx')}</m:e></m:nary>`,
      ),
    ).toBe('∫_0^∞ f(x)dx');
  });

  it('reads a hostile 10,000-deep equation as its symbols instead of overflowing the stack', () => {
    const depth = 10_000;
    const deep = `${'<m:f><m:num>'.repeat(depth)}${r('1')}${'</m:num><m:den></m:den></m:f>'.repeat(depth)}`;
    expect(math(deep)).toMatch(/1/);
  });
});

describe('chart text', () => {
  const chart = (points: string) =>
    chartToMarkdown(
      new DOMParser().parseFromString(
        `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:lineChart><c:ser><c:val><c:numRef><c:numCache>${points}</c:numCache></c:numRef></c:val></c:ser></c:lineChart></c:plotArea></c:chart></c:chartSpace>`,
        'text/xml',
      ).documentElement!,
    );

  it('keeps a chart of many points to a bounded table and ignores absurd point indexes', () => {
    const many = Array.from({ length: MAX_CHART_ROWS + 500 }, (_, i) => `<c:pt idx="${i}"><c:v>${i}</c:v></c:pt>`).join('');
    expect(chart(many).split('\n')).toHaveLength(MAX_CHART_ROWS + 2);
    expect(chart('<c:pt idx="99999999999999999999"><c:v>1</c:v></c:pt><c:pt idx="0"><c:v>4.4000000000000004</c:v></c:pt>')).toBe(
      ['|  | Series 1 |', '| --- | --- |', '|  | 4.4 |'].join('\n'),
    );
  });
});
