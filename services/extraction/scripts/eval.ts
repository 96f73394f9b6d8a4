/* Word-F1 and bigram-F1 of extraction against reference text per category (eval/extraction/manifest.json), beside a baseline. */
import { createLogger } from '@docpipe/platform';
import { allExtractors } from '../src/extractors/all-extractors';
import { PdfTextPool } from '../src/extractors/pdf-text-pool';
import { getDocument } from '../src/extractors/pdfjs';
import { Deadline, TextBudget, type ExtractionLimits } from '../src/limits';
import { TesseractOcr } from '../src/ocr/tesseract-ocr';
import { readManifest, reader, referenceText, SOURCES_DIR, transformed } from './eval-corpus';
import { writeResults, type Result } from './eval-report';
import { score } from './word-f1';

const LIMITS: ExtractionLimits = {
  maxPages: 2_000,
  maxTextBytes: 50 * 1024 * 1024,
  maxImagePixels: 50_000_000,
  maxArchiveBytes: 200 * 1024 * 1024,
  maxArchiveEntries: 10_000,
  timeoutMs: 300_000,
};
async function main(): Promise<void> {
  const manifest = readManifest();
  // `npm run eval:extraction -- pdf` runs the categories starting with `pdf` only: a full run OCRs for half an hour.
  const only = process.argv.slice(2);
  const documents = manifest.documents.filter((entry) => only.length === 0 || only.some((prefix) => entry.category.startsWith(prefix)));
  const ocr = new TesseractOcr(1, createLogger({ service: 'eval-extraction', level: 'silent' }));
  const textLayers = new PdfTextPool(2);
  const registry = allExtractors(ocr, textLayers, 200);
  const results: Record<string, Result> = {};
  const run = `${new Date().toISOString().slice(0, 10)} \`npm run eval:extraction${only.length ? ` -- ${only.join(' ')}` : ''}\``;
  const missing = new Set<string>();
  try {
    for (const entry of documents) {
      const read = reader(entry);
      if (!read) {
        missing.add(entry.repo);
        continue;
      }
      const deadline = new Deadline(LIMITS.timeoutMs);
      try {
        const original = read(entry.path);
        const bytes = await transformed(ocr, original, entry.transform, deadline);
        const pdf = entry.mediaType === 'application/pdf';
        const reference = referenceText(entry, read, bytes, manifest.pages);
        const started = performance.now();
        // OCR runs on worker threads of this process, so the process's CPU time is the extraction's (one file at a time).
        const cpuBefore = process.cpuUsage();
        const pages = await registry.forMediaType(entry.mediaType).extract({
          bytes,
          mediaType: entry.mediaType,
          limits: LIMITS,
          deadline,
          text: new TextBudget(LIMITS.maxTextBytes),
          onProgress: async () => undefined,
        });
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        const ours = pages
          .slice(0, pdf ? manifest.pages : undefined)
          .map((page) => page.text)
          .join('\n');
        const baseline = pdf
          ? await streamOrder(bytes, manifest.pages)
          : entry.mediaType.startsWith('image/')
            ? (await ocr.recognize(bytes, deadline, 'eng', 'block')).text
            : null;
        const result = {
          category: entry.category,
          ours: score(ours, reference),
          baseline: baseline === null ? null : score(baseline, reference),
          seconds,
          cpuSeconds,
          run,
        };
        results[entry.id] = result;
        console.log(
          `${entry.id}: word ${result.ours.word.toFixed(3)} (baseline ${result.baseline?.word.toFixed(3) ?? '—'}), ${seconds.toFixed(1)} s, CPU ${cpuSeconds.toFixed(1)} s`,
        );
      } finally {
        deadline.dispose();
      }
    }
  } finally {
    await Promise.all([ocr.close(), textLayers.close()]);
  }
  if (missing.size > 0) console.log(`not in ${SOURCES_DIR} (bring them with the search tool's fetch): ${[...missing].join(', ')}`);
  if (Object.keys(results).length === 0) throw new Error(`No evaluation documents could be read from ${SOURCES_DIR}`);
  console.log(`\n${writeResults(manifest, results)}`);
}

/** The baseline for PDFs: pdf.js text items in content-stream order, a line break where pdf.js marks one. */
async function streamOrder(bytes: Buffer, pages: number): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const texts: string[] = [];
    for (let number = 1; number <= Math.min(pages, pdf.numPages); number++) {
      const { items } = await (await pdf.getPage(number)).getTextContent();
      texts.push(items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return texts.join('\n');
  } finally {
    await pdf.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
