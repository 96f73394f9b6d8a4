import { createLogger } from '@docpipe/platform';
import { textPng } from '@docpipe/testing';
import { CsvExtractor } from '../src/extractors/csv.extractor';
import { DocxExtractor } from '../src/extractors/docx.extractor';
import { EmailExtractor } from '../src/extractors/email.extractor';
import { ExtractorRegistry } from '../src/extractors/extractor-registry';
import { HtmlExtractor } from '../src/extractors/html.extractor';
import { ImageExtractor } from '../src/extractors/image.extractor';
import { MarkdownExtractor } from '../src/extractors/markdown.extractor';
import { PdfExtractor } from '../src/extractors/pdf.extractor';
import { PlainTextExtractor } from '../src/extractors/plain-text.extractor';
import { ScanReader } from '../src/ocr/scan-reader';
import { TesseractOcr } from '../src/ocr/tesseract-ocr';
import { runExtractor as run, testOcr, testPdfTextPool } from './support/extract';
import { docx, eml, fadedWithBlackBorder, multipartEml, scannedPdf, shrunk, textPdf, turnedLeft } from './support/samples';

const scans = new ScanReader(testOcr());

const words = (text: string) => text.toLowerCase().split(/\W+/);

describe('PDF', () => {
  const pdf = new PdfExtractor(testPdfTextPool(), scans, 150);

  it('reads the text layer page by page', async () => {
    const pages = await run(pdf, await textPdf(['Invoice INV-2024-0042\nTotal due EUR 1,250.00', 'Page two: payment terms 30 days']));
    expect(pages).toHaveLength(2);
    expect(pages[0]).toEqual({ text: expect.stringContaining('Total due EUR 1,250.00'), ocr: false });
    expect(pages[1].text).toContain('payment terms 30 days');
  });

  it('OCRs a page that is only an image (a scan)', async () => {
    const pages = await run(pdf, await scannedPdf(await textPng(['Scanned delivery note', 'Warehouse Berlin'])));
    expect(pages).toHaveLength(1);
    expect(pages[0].ocr).toBe(true);
    expect(words(pages[0].text)).toEqual(expect.arrayContaining(['scanned', 'delivery', 'note', 'warehouse', 'berlin']));
  });

  it('refuses a document with more pages than MAX_PAGES', async () => {
    const bytes = await textPdf(['one', 'two', 'three']);
    await expect(run(pdf, bytes, { limits: { maxPages: 2 } })).rejects.toMatchObject({ code: 'too_many_pages' });
  });

  it('refuses a document whose text exceeds MAX_TEXT_BYTES', async () => {
    const bytes = await textPdf(['a'.repeat(80), 'b'.repeat(80)]);
    await expect(run(pdf, bytes, { limits: { maxTextBytes: 100 } })).rejects.toMatchObject({ code: 'text_too_large' });
  });

  it('gives up when the time budget is spent', async () => {
    const bytes = await textPdf(Array.from({ length: 40 }, (_, i) => `page ${i + 1}`));
    await expect(run(pdf, bytes, { limits: { maxPages: 40, timeoutMs: 5 } })).rejects.toMatchObject({ code: 'extraction_timeout' });
  });

  it('fails a corrupt file with corrupt_file', async () => {
    await expect(run(pdf, Buffer.from('%PDF-1.7\nthis is not really a pdf\n%%EOF'))).rejects.toMatchObject({ code: 'corrupt_file' });
  });
});

describe('images', () => {
  it('OCRs the words of a PNG', async () => {
    const pages = await run(new ImageExtractor(scans), await textPng(['Receipt from Corner Bakery', 'Total 12.50']));
    expect(pages[0].ocr).toBe(true);
    expect(words(pages[0].text)).toEqual(expect.arrayContaining(['receipt', 'corner', 'bakery', 'total']));
  });

  it('turns a scan photographed sideways upright before reading it', async () => {
    const pages = await run(
      new ImageExtractor(scans),
      await turnedLeft(
        await textPng(['Delivery note from Harbour Logistics', 'Forty crates of green apples', 'Signed at the warehouse gate']),
      ),
    );
    expect(words(pages[0].text)).toEqual(expect.arrayContaining(['delivery', 'harbour', 'logistics', 'crates', 'apples', 'warehouse']));
  });

  it('reads a scan whose text is too small for OCR by enlarging it', async () => {
    // 36 px type on 60 px lines shrunk to a third: 12 px type, the size of text on a page scanned at ~75 dpi.
    const small = await shrunk(await textPng(['Invoice from Northwind Traders', 'Payment due within thirty days']), 1 / 3);
    const pages = await run(new ImageExtractor(scans), small);
    expect(words(pages[0].text)).toEqual(expect.arrayContaining(['invoice', 'northwind', 'payment', 'within', 'thirty', 'days']));
  });

  it('reads a low-resolution scan photographed sideways by enlarging it and trying its turns', async () => {
    const small = await shrunk(
      await turnedLeft(
        await textPng(['Delivery note from Harbour Logistics', 'Forty crates of green apples', 'Signed at the warehouse gate']),
      ),
      1 / 3,
    );
    const pages = await run(new ImageExtractor(scans), small);
    expect(words(pages[0].text)).toEqual(expect.arrayContaining(['delivery', 'harbour', 'logistics', 'crates', 'apples', 'warehouse']));
  });

  it('reads a page upright when orientation detection names a wrong turn, by the confident words of each turn', async () => {
    // Detection is wrong at times (receipts, 10 px text): this one names upside down for every page, the rest is real.
    class WrongTurnOcr extends TesseractOcr {
      override uprightTurn(): Promise<number | null> {
        return Promise.resolve(180);
      }
    }
    const ocr = new WrongTurnOcr(1, createLogger({ service: 'extraction-test', level: 'silent' }));
    try {
      const pages = await run(
        new ImageExtractor(new ScanReader(ocr)),
        await textPng(['Delivery note from Harbour Logistics', 'Forty crates of green apples', 'Signed at the warehouse gate']),
      );
      expect(words(pages[0].text)).toEqual(expect.arrayContaining(['delivery', 'harbour', 'logistics', 'crates', 'apples', 'warehouse']));
    } finally {
      await ocr.close();
    }
  });

  it('reads a scanned page again with the model of the language its text is in, keeping that reading', async () => {
    const german = [
      'Bitte überweisen Sie den Betrag für die Größe',
      'innerhalb von vierzehn Tagen auf unser Konto bei',
      'der Bank in München, Straße der Einheit.',
    ];
    const pages = await run(new ImageExtractor(scans), await textPng(german));
    expect(pages[0].text.toLowerCase().split(/[^\p{L}]+/u)).toEqual(expect.arrayContaining(['überweisen', 'für', 'größe', 'münchen']));
  });

  it("reads faint print on a scan whose edges show the scanner's black lid, by cutting the black border off", async () => {
    const pages = await run(
      new ImageExtractor(scans),
      await fadedWithBlackBorder(['Receipt from Corner Bakery', 'Two loaves of rye bread']),
    );
    expect(words(pages[0].text)).toEqual(expect.arrayContaining(['receipt', 'corner', 'bakery', 'loaves', 'bread']));
  });

  it('refuses an image larger than MAX_IMAGE_PIXELS before decoding it', async () => {
    const png = await textPng(['big']);
    await expect(run(new ImageExtractor(scans), png, { limits: { maxImagePixels: 1000 } })).rejects.toMatchObject({
      code: 'image_too_large',
    });
  });
});

describe('DOCX', () => {
  it('splits pages at explicit page breaks', async () => {
    const pages = await run(new DocxExtractor(), await docx([['Service Agreement', 'between Acme Ltd and Jane Doe'], ['Signatures']]));
    expect(pages.map((page) => page.text)).toEqual(['Service Agreement\n\nbetween Acme Ltd and Jane Doe', 'Signatures']);
  });

  it('refuses a decompression bomb, counting inflated bytes', async () => {
    const bomb = await docx([['x'.repeat(2_000_000)]]);
    expect(bomb.length).toBeLessThan(100_000);
    await expect(run(new DocxExtractor(), bomb)).rejects.toMatchObject({ code: 'archive_bomb' });
  });

  it('fails a file that is not a zip with corrupt_file', async () => {
    await expect(run(new DocxExtractor(), Buffer.from('not a zip at all'))).rejects.toMatchObject({ code: 'corrupt_file' });
  });
});

describe('text formats', () => {
  it('HTML: visible text only, no scripts or styles', async () => {
    const html =
      '<html><head><style>p{}</style><script>alert(1)</script></head><body><h1>Quarterly report</h1><p>Revenue grew.</p></body></html>';
    const [page] = await run(new HtmlExtractor(), Buffer.from(html));
    expect(page.text).toBe('Quarterly report\n\nRevenue grew.');
  });

  it('Markdown: rendered text without markup', async () => {
    const [page] = await run(new MarkdownExtractor(), Buffer.from('# Minutes\n\n- **Budget** approved\n- [Plan](http://x.example)'));
    expect(page.text).toContain('Minutes');
    expect(page.text).toContain('Budget approved');
    expect(page.text).not.toMatch(/#|\*\*|\[|\]|http/);
  });

  it('plain text: form feeds separate pages, Windows-1252 is decoded', async () => {
    const pages = await run(new PlainTextExtractor(), Buffer.from('Caf\xe9 bill\r\n\fpage two', 'latin1'));
    expect(pages.map((page) => page.text)).toEqual(['Café bill\n', 'page two']);
  });

  it('CSV: the delimiter is the one that splits the rows consistently (semicolon, tab or pipe as well as comma)', async () => {
    for (const delimiter of [';', '\t', '|']) {
      const source = ['item', 'price'].join(delimiter) + '\n' + ['"Desk, oak"', '120,50'].join(delimiter) + '\n';
      const [page] = await run(new CsvExtractor(), Buffer.from(source));
      expect(page.text).toBe('| item | price |\n| --- | --- |\n| Desk, oak | 120,50 |');
    }
  });

  const email = new EmailExtractor(new ExtractorRegistry([new PlainTextExtractor(), new CsvExtractor()]));

  it('e-mail: headers a reader needs, the date as the sender wrote it, then the body', async () => {
    const [page] = await run(email, eml('Please pay the attached invoice by 30 March 2024.'));
    expect(page.text).toContain('Subject: Overdue invoice INV-2024-0042');
    expect(page.text).toContain('From: "Anna Berg" <anna@example.com>');
    expect(page.text).toContain('Date: Tue, 12 Mar 2024 09:30:00 +0100');
    expect(page.text).toContain('Please pay the attached invoice by 30 March 2024.');
  });

  it('e-mail: attachments it can read follow as pages of their own, the others are named', async () => {
    const pages = await run(
      email,
      multipartEml('See the attached statement.', [
        { name: 'statement.csv', type: 'text/csv', content: 'item,amount\nDesk,120\n' },
        { name: 'logo.png', type: 'image/png', content: 'not really a picture' },
        { name: 'tune.mp3', type: 'audio/mpeg', content: 'ID3' },
      ]),
    );
    expect(pages.map((page) => page.text)).toEqual([
      expect.stringMatching(/See the attached statement\.\n\nAttachments not extracted: logo\.png, tune\.mp3$/),
      '## Attachment: statement.csv\n\n| item | amount |\n| --- | --- |\n| Desk | 120 |',
    ]);
  });

  it('e-mail: a message saved as UTF-16 is read like any other', async () => {
    const utf16 = Buffer.from(eml('Bitte bis Freitag zahlen.').toString('utf8'), 'utf16le');
    const [page] = await run(email, utf16);
    expect(page.text).toContain('Subject: Overdue invoice INV-2024-0042');
    expect(page.text).toContain('Bitte bis Freitag zahlen.');
  });
});
