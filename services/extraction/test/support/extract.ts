import { createLogger } from '@docpipe/platform';
import type { Extractor, PageText } from '../../src/extractors/extractor';
import { PdfTextPool } from '../../src/extractors/pdf-text-pool';
import { Deadline, TextBudget, type ExtractionLimits } from '../../src/limits';
import { TesseractOcr } from '../../src/ocr/tesseract-ocr';

/** Small limits, so a spec can cross each of them with a small fixture. */
export const TEST_LIMITS: ExtractionLimits = {
  maxPages: 5,
  maxTextBytes: 100_000,
  maxImagePixels: 4_000_000,
  maxArchiveBytes: 1_000_000,
  maxArchiveEntries: 100,
  timeoutMs: 30_000,
};

export interface RunOptions {
  limits?: Partial<ExtractionLimits>;
  /** The declared media type; the extractor's first one when not given. */
  mediaType?: string;
  charset?: string;
}

/** Runs one extraction as the service does: its own deadline (always disposed) and text budget. */
export function runExtractor(extractor: Extractor, bytes: Buffer, options: RunOptions = {}): Promise<PageText[]> {
  const limits = { ...TEST_LIMITS, ...options.limits };
  const deadline = new Deadline(limits.timeoutMs);
  return extractor
    .extract({
      bytes,
      mediaType: options.mediaType ?? extractor.mediaTypes[0],
      charset: options.charset,
      limits,
      deadline,
      text: new TextBudget(limits.maxTextBytes),
      onProgress: async () => undefined,
    })
    .finally(() => deadline.dispose());
}

/** Two PDF text-layer threads for the spec file that calls this, ended after its tests. */
export function testPdfTextPool(): PdfTextPool {
  const pool = new PdfTextPool(2);
  afterAll(() => pool.close());
  return pool;
}

/** One OCR worker for the spec file that calls this, ended after its tests. */
export function testOcr(): TesseractOcr {
  const ocr = new TesseractOcr(1, createLogger({ service: 'extraction-test', level: 'silent' }));
  afterAll(() => ocr.close());
  return ocr;
}
