import { AsciidocExtractor } from '../src/extractors/asciidoc.extractor';
import { WebvttExtractor } from '../src/extractors/webvtt.extractor';
import { runExtractor as run } from './support/extract';

describe('AsciiDoc', () => {
  const asciidoc = new AsciidocExtractor();

  it('gives the title, sections, lists, table cells and footnotes as text without markup', async () => {
    const source = [
      '= Service Agreement',
      'Jane Roe',
      ':toc:',
      '',
      '== Payment terms',
      '',
      'Invoices are due in *30 days*.footnote:[Counted from the invoice date.]',
      '',
      '|===',
      '|Item |Amount',
      '|Hosting |120.00',
      '|===',
      '',
      '* first renewal',
      '* second renewal',
    ].join('\n');
    const [page] = await run(asciidoc, Buffer.from(source));
    expect(page.ocr).toBe(false);
    for (const expected of [
      'Service Agreement',
      'Payment terms',
      'Invoices are due in 30 days',
      'Hosting',
      '120.00',
      'first renewal',
      'Counted from the invoice date.',
    ]) {
      expect(page.text).toContain(expected);
    }
    expect(page.text).not.toMatch(/\*30|\|===|==|Table of Contents/);
  });

  it('reads no file an include directive names (secure mode)', async () => {
    const [page] = await run(asciidoc, Buffer.from('= Notes\n\ninclude::/etc/passwd[]\n\ninclude::/etc/hostname[]\n'));
    expect(page.text).not.toMatch(/root:|:0:0:/);
  });

  it('bounds attributes that reference each other (billion laughs) instead of expanding them', async () => {
    const levels = Array.from({ length: 8 }, (_, i) => `:l${i + 1}: ${`{l${i}}`.repeat(10)}`);
    const source = ['= Bomb', ':l0: laugh laugh laugh laugh', ...levels, '', '{l8}'].join('\n');
    const [page] = await run(asciidoc, Buffer.from(source));
    // Fully expanded this would be 10^8 copies; Asciidoctor caps a resolved value at 4 KiB in secure mode.
    expect(page.text.length).toBeLessThan(10_000);
  });

  it('refuses a document larger than the text budget before converting it', async () => {
    await expect(run(asciidoc, Buffer.from(`= Big\n\n${'word '.repeat(100)}`), { limits: { maxTextBytes: 100 } })).rejects.toMatchObject({
      code: 'text_too_large',
    });
  });
});

describe('WebVTT', () => {
  const webvtt = new WebvttExtractor();

  it('keeps what was said, one line per cue, the speaker named where the voice changes', async () => {
    const source = [
      'WEBVTT - board call',
      '',
      'NOTE recorded by the clerk',
      '',
      '1',
      '00:00:01.000 --> 00:00:04.000 align:start',
      '<v Anna Berg>Welcome to the <b>quarterly</b> review.',
      '',
      '00:00:04.500 --> 00:00:07.000',
      '<v Anna Berg>Revenue grew by twelve percent.',
      '',
      '00:00:07.500 --> 00:00:09.000',
      '<v.loud Tom>Thank you &amp; well done.',
    ].join('\n');
    const [page] = await run(webvtt, Buffer.from(source));
    expect(page.text).toBe('Anna Berg: Welcome to the quarterly review.\nRevenue grew by twelve percent.\nTom: Thank you & well done.');
  });

  it('refuses a file with a signature but no cue it can read, and says where', async () => {
    await expect(run(webvtt, Buffer.from('WEBVTT\n\n00:00:xx --> broken\nNothing\n'))).rejects.toMatchObject({
      code: 'corrupt_file',
      message: expect.stringContaining('line'),
    });
  });
});
