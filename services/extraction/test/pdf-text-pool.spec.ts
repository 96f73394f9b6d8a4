import { PdfExtractor } from '../src/extractors/pdf.extractor';
import { pageRanges, PdfTextPool } from '../src/extractors/pdf-text-pool';
import { Deadline } from '../src/limits';
import { ScanReader } from '../src/ocr/scan-reader';
import { runExtractor, testOcr } from './support/extract';
import { textPdf } from './support/samples';

const scans = new ScanReader(testOcr());
const pools: PdfTextPool[] = [];
afterAll(() => Promise.all(pools.map((pool) => pool.close())));

function pool(threads: number): PdfTextPool {
  const created = new PdfTextPool(threads);
  pools.push(created);
  return created;
}

const pageTexts = (count: number) =>
  Array.from({ length: count }, (_, i) => `Page ${i + 1} of the ledger\nAccount ${1000 + i}    balance EUR ${(i * 37.5).toFixed(2)}`);

describe('PDF text layers on threads', () => {
  it('reads a long PDF split between two threads exactly as one thread reads it, pages in order', async () => {
    const bytes = await textPdf(pageTexts(24));
    const limits = { maxPages: 100 };
    const oneThread = await runExtractor(new PdfExtractor(pool(1), scans, 150), bytes, { limits });
    const twoThreads = await runExtractor(new PdfExtractor(pool(2), scans, 150), bytes, { limits });
    expect(twoThreads).toEqual(oneThread);
    expect(twoThreads.map((page) => page.text.split('\n')[0])).toEqual(pageTexts(24).map((text) => text.split('\n')[0]));
  });

  it('reads the next document after a thread was ended for passing its deadline', async () => {
    const shared = pool(2);
    const long = await textPdf(pageTexts(400));
    const deadline = new Deadline(20);
    await expect(shared.read(long, 400, deadline)).rejects.toMatchObject({ code: 'extraction_timeout' });
    deadline.dispose();
    const next = new Deadline(30_000);
    try {
      const layers = await shared.read(await textPdf(pageTexts(20)), 20, next);
      expect(layers.map((layer) => layer.text.split('\n')[0])).toEqual(pageTexts(20).map((text) => text.split('\n')[0]));
    } finally {
      next.dispose();
    }
  });

  it('splits pages into contiguous ranges of nearly equal length', () => {
    expect(pageRanges(50, 2)).toEqual([
      [1, 25],
      [26, 50],
    ]);
    expect(pageRanges(7, 3)).toEqual([
      [1, 2],
      [3, 4],
      [5, 7],
    ]);
    expect(pageRanges(3, 0)).toEqual([[1, 3]]);
    expect(pageRanges(2, 4)).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });
});
