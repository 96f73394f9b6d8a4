import { fromBuffer } from 'file-type';
import type { Extractor } from '../src/extractors/extractor';
import { MsgExtractor } from '../src/extractors/msg.extractor';
import { OfficeExtractor } from '../src/extractors/office.extractor';
import { XmlExtractor } from '../src/extractors/xml.extractor';
import type { ExtractionLimits } from '../src/limits';
import { runExtractor } from './support/extract';
import {
  billionLaughs,
  deepXml,
  epub,
  jats,
  msg,
  odp,
  ods,
  odt,
  pptx,
  rtf,
  usPatent,
  workbook,
  xlsx,
  zipBomb,
} from './support/office-samples';

const office = new OfficeExtractor();
// Workbooks reach SpreadsheetExtractor through the office extractor, as in the service.
const sheets = office;

async function run(extractor: Extractor, bytes: Buffer, limits: Partial<ExtractionLimits> = {}, declared?: string) {
  return runExtractor(extractor, bytes, { limits, mediaType: declared ?? (await fromBuffer(bytes))?.mime ?? 'application/rtf' });
}

describe('office formats', () => {
  it('XLSX: a sheet is a Markdown table under its name, a formula gives its value', async () => {
    const pages = await run(
      sheets,
      xlsx('Invoices', [
        ['Item', 'Amount'],
        ['Widgets', '40'],
        ['Total', '=SUM(B2)*2|80'],
      ]),
    );
    expect(pages).toEqual([{ text: '## Invoices\n\n| Item | Amount |\n| --- | --- |\n| Widgets | 40 |\n| Total | 80 |', ocr: false }]);
  });

  it('XLSX: cells as the spreadsheet shows them, a title above its table, tables apart, every digit of a long number', async () => {
    const [page] = await run(
      sheets,
      workbook('Ledger', [
        ['Payments 2024'],
        ['Paid on', 'Account', 'Amount'],
        [{ t: 'n', v: 45366, z: 'm/d/yy' }, 1234567890123456, { t: 'n', v: 1599.5, z: '#,##0.00' }],
        [],
        ['Note', 'Rate'],
        ['VAT', { t: 'n', v: 0.21, z: '0%' }],
      ]),
    );
    expect(page.text).toBe(
      [
        '## Ledger',
        'Payments 2024',
        '| Paid on | Account | Amount |\n| --- | --- | --- |\n| 3/15/2024 | 1234567890123456 | 1,599.50 |',
        '| Note | Rate |\n| --- | --- |\n| VAT | 21% |',
      ].join('\n\n'),
    );
  });

  it('XLSX and ODS: a page per sheet; a title that repeats the sheet name is not written twice', async () => {
    const rows = [['Stanley Cups'], ['Team', 'Cups'], ['Blues', 1]];
    for (const bookType of ['xlsx', 'ods'] as const) {
      const pages = await run(sheets, workbook('Stanley Cups', rows, bookType, [['Notes'], ['Two teams left out']]));
      expect(pages.map((page) => page.text)).toEqual([
        '## Stanley Cups\n\n| Team | Cups |\n| --- | --- |\n| Blues | 1 |',
        '## Sheet2\n\nNotes\n\nTwo teams left out',
      ]);
    }
  });

  it('PPTX: a page per slide, speaker notes with their slide', async () => {
    const pages = await run(
      office,
      pptx([
        { text: 'Quarterly results', notes: 'Mention the late supplier' },
        { text: 'Outlook', notes: 'Thank the team' },
      ]),
    );
    expect(pages).toHaveLength(2);
    expect(pages[0].text).toContain('Quarterly results');
    expect(pages[0].text).toContain('Mention the late supplier');
    expect(pages[1].text).toContain('Thank the team');
  });

  it('PPTX: text without the document properties or HTML tags', async () => {
    const [page] = await run(office, pptx([{ text: 'Quarterly results', notes: 'Mention the late supplier', centred: true }], 'A. Author'));
    expect(page.text).toBe('Quarterly results\n\n> **Note:** Mention the late supplier');
  });

  it('ODT, ODS, ODP, RTF and EPUB: their text', async () => {
    expect((await run(office, odt(['Dear supplier,', 'the invoice is overdue.'])))[0].text).toMatch(
      /Dear supplier,\s+the invoice is overdue\./,
    );
    expect(
      (
        await run(
          sheets,
          ods('Budget', [
            ['Cost', 'Value'],
            ['Rent', '1200'],
          ]),
        )
      )[0].text,
    ).toContain('| Rent | 1200 |');
    expect((await run(office, odp(['First slide', 'Second slide']))).map((page) => page.text)).toEqual([
      expect.stringContaining('First slide'),
      expect.stringContaining('Second slide'),
    ]);
    expect((await run(office, await rtf(['Rich text letter'])))[0].text).toContain('Rich text letter');
    expect((await run(office, await epub(['Chapter one begins'])))[0].text).toContain('Chapter one begins');
  });

  it('refuses a zip bomb by its inflated bytes', async () => {
    await expect(run(office, zipBomb('text', 5_000_000))).rejects.toMatchObject({ code: 'archive_bomb' });
  });

  it('refuses more slides than MAX_PAGES', async () => {
    const slides = Array.from({ length: 6 }, (_, i) => ({ text: `Slide ${i}`, notes: '' }));
    await expect(run(office, pptx(slides))).rejects.toMatchObject({ code: 'too_many_pages' });
  });

  it('fails a damaged package with corrupt_file', async () => {
    const bytes = xlsx('Sheet', [['a']]);
    await expect(run(sheets, bytes.subarray(0, bytes.length - 30))).rejects.toMatchObject({ code: 'corrupt_file' });
    const deck = pptx([{ text: 'a', notes: '' }]);
    await expect(run(office, deck.subarray(0, deck.length - 30))).rejects.toMatchObject({ code: 'corrupt_file' });
  });

  it('refuses a workbook bomb by its inflated bytes and more sheets than MAX_PAGES', async () => {
    const bomb = zipBomb('text', 5_000_000);
    await expect(run(sheets, bomb, {}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).rejects.toMatchObject({
      code: 'archive_bomb',
    });
    const many = Array.from({ length: 5 }, () => [['x']]);
    await expect(run(sheets, workbook('Sheet1', [['x']], 'xlsx', ...many))).rejects.toMatchObject({ code: 'too_many_pages' });
  });
});

describe('Outlook messages', () => {
  it('headers a reader needs, then the body', async () => {
    const [page] = await run(
      new MsgExtractor(),
      msg({ subject: 'Overdue invoice INV-7', from: 'Anna Berg', body: 'Please pay by Friday.' }),
      {},
      'application/vnd.ms-outlook',
    );
    expect(page.text).toBe('Subject: Overdue invoice INV-7\nFrom: Anna Berg\n\nPlease pay by Friday.');
  });

  it('fails bytes that are not a compound file with corrupt_file', async () => {
    await expect(
      run(new MsgExtractor(), Buffer.from('not an outlook message at all'), {}, 'application/vnd.ms-outlook'),
    ).rejects.toMatchObject({
      code: 'corrupt_file',
    });
  });
});

describe('XML', () => {
  const xml = new XmlExtractor();

  it('JATS: title, abstract and sections as Markdown', async () => {
    const [page] = await run(xml, jats, {}, 'application/xml');
    expect(page.text).toBe(
      '# Late payments in small firms\n\n## Abstract\n\nWe study invoices paid after their due date.\n\n## Introduction\n\nSuppliers wait 47 days on average.\n\n### Data\n\nWe used 1,200 invoices.',
    );
  });

  it('US patent: title, abstract, description under its headings and claims as Markdown, the codes left out and ISO entities decoded', async () => {
    const [page] = await run(xml, usPatent, {}, 'application/xml');
    expect(page.text).toBe(
      [
        '# Pulse-echo fish detector',
        '## Abstract',
        'A detector emits pulses and times their echoes\u2014in fresh water.',
        '## Description',
        '### BACKGROUND',
        'Anglers want to see fish.',
        '### SUMMARY',
        'A transducer & a timer.',
        '## Claims',
        '1. A detector comprising a transducer.',
        '2. The detector of claim 1, with a timer.',
      ].join('\n\n'),
    );
  });

  it('other XML: the text of its elements without tags', async () => {
    const [page] = await run(
      xml,
      Buffer.from('<order id="7"><line>Two <b>red</b> chairs</line><total currency="EUR">120</total></order>'),
      {},
      'application/xml',
    );
    expect(page.text).toBe('Two red chairs\n120');
  });

  it('expands no declared entity (billion laughs)', async () => {
    const [page] = await run(xml, billionLaughs, {}, 'application/xml');
    expect(page.text).not.toContain('lollol');
    expect(page.text).toContain('Laughs');
  });

  it('reads a document nested 100,000 deep without overflowing the stack', async () => {
    const [page] = await run(xml, deepXml(100_000), { maxTextBytes: 1_000_000 }, 'application/xml');
    expect(page.text).toBe('bottom');
  });
});
