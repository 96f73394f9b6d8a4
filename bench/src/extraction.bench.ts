import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLogger } from '@docpipe/platform';
// The extraction service's own code, through its public entry point.
import { PdfExtractor, PdfTextPool, Deadline, TextBudget, type ExtractionLimits, ScanReader, TesseractOcr } from '@docpipe/extraction';
import { scannedPagePng, textPdf } from './documents';
import type { Recorder } from './report';
import { elapsedMs, perSecond } from './stats';

export interface ExtractionOptions {
  pages: number;
  /** Times the whole PDF is extracted, by each side. */
  passes: number;
  ocrPages: number;
}

const MB = 1024 * 1024;
const limits: ExtractionLimits = {
  maxPages: 2_000,
  maxTextBytes: 50 * MB,
  maxImagePixels: 50_000_000,
  maxArchiveBytes: 200 * MB,
  maxArchiveEntries: 10_000,
  timeoutMs: 600_000,
};

/** Pages/s of the PDF text layer vs pdftotext on the same PDF, and OCR seconds per scanned page. */
export async function benchExtraction(options: ExtractionOptions, recorder: Recorder): Promise<void> {
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const ocr = new TesseractOcr(1, logger);
  // As the service reads PDFs by default (PDF_TEXT_THREADS 2): a 50-page PDF's pages split between two threads.
  const textLayers = new PdfTextPool(2);
  try {
    await textLayer(options, new PdfExtractor(textLayers, new ScanReader(ocr), 200), recorder);
    await recognition(options, ocr, recorder);
  } finally {
    await Promise.all([ocr.close(), textLayers.close()]);
  }
}

async function textLayer(options: ExtractionOptions, extractor: PdfExtractor, recorder: Recorder): Promise<void> {
  const section = `7. extraction (${options.pages}-page text PDF × ${options.passes})`;
  const bytes = await textPdf(options.pages, 45);
  await extractOnce(extractor, bytes);
  const start = performance.now();
  for (let pass = 0; pass < options.passes; pass++) await extractOnce(extractor, bytes);
  const ours = perSecond(options.pages * options.passes, elapsedMs(start));
  const pdftotext = await pdftotextPagesPerSecond(bytes, options);
  if (pdftotext === undefined) {
    recorder.add({
      section,
      name: 'PDF text pages/s (pdf.js)',
      unit: 'pages/s',
      value: ours,
      better: 'higher',
      note: 'pdftotext not installed: no baseline',
    });
    recorder.skip(
      '7. extraction baseline',
      'pdftotext (Debian poppler-utils) is not installed on this machine; install poppler-utils to get the ratio',
    );
    return;
  }
  recorder.add({
    section,
    name: 'PDF text pages/s (pdf.js)',
    unit: 'pages/s',
    value: ours,
    baseline: { name: 'pdftotext', value: pdftotext },
    better: 'higher',
  });
}

async function extractOnce(extractor: PdfExtractor, bytes: Buffer): Promise<void> {
  const deadline = new Deadline(limits.timeoutMs);
  try {
    await extractor.extract({
      bytes,
      mediaType: 'application/pdf',
      limits,
      deadline,
      text: new TextBudget(limits.maxTextBytes),
      onProgress: async () => undefined,
    });
  } finally {
    deadline.dispose();
  }
}

/** Undefined when pdftotext is not on the PATH. */
async function pdftotextPagesPerSecond(bytes: Buffer, options: ExtractionOptions): Promise<number | undefined> {
  const run = promisify(execFile);
  const directory = await mkdtemp(join(tmpdir(), 'docpipe-bench-'));
  try {
    const file = join(directory, 'document.pdf');
    await writeFile(file, bytes);
    try {
      await run('pdftotext', [file, '-']);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const start = performance.now();
    // Each run pays a process start, as a CLI baseline does; with 50 pages per run that cost is small.
    for (let pass = 0; pass < options.passes; pass++) await run('pdftotext', [file, '-'], { maxBuffer: 64 * MB });
    return perSecond(options.pages * options.passes, elapsedMs(start));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function recognition(options: ExtractionOptions, ocr: TesseractOcr, recorder: Recorder): Promise<void> {
  const section = `7. OCR (${options.ocrPages} scanned pages of 30 lines, 1 worker)`;
  const images = await Promise.all(Array.from({ length: options.ocrPages }, (_, i) => scannedPagePng(30, i + 1)));
  const startup = performance.now();
  await recognise(ocr, await scannedPagePng(2, 0));
  const warmUpMs = elapsedMs(startup);
  const start = performance.now();
  for (const image of images) await recognise(ocr, image);
  const secondsPerPage = elapsedMs(start) / 1000 / options.ocrPages;
  recorder.add({
    section,
    name: 'OCR seconds/page',
    unit: 's/page',
    value: secondsPerPage,
    better: 'lower',
    note: `worker start + first small image: ${(warmUpMs / 1000).toFixed(1)} s`,
  });
}

async function recognise(ocr: TesseractOcr, image: Buffer): Promise<string> {
  const deadline = new Deadline(limits.timeoutMs);
  try {
    // English, read column by column: how the service reads a scanned page whose orientation it knows.
    return (await ocr.recognize(image, deadline, 'eng', 'columns')).text;
  } finally {
    deadline.dispose();
  }
}
