import { AppError } from '@docpipe/platform';
import { ExtractionFailedError } from '../extraction.errors';
import { assertPageCount } from '../limits';
import { sessionFor, type ScanReader } from '../ocr/scan-reader';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { loadPdf } from './pdf-document';
import { renderPageToPng } from './pdf-page-image';
import type { PdfTextPool } from './pdf-text-pool';
import type { PDFDocumentProxy } from './pdfjs';

/** The text layer of each page, read by the text-layer threads; pages without one (scans) are rendered and OCRed. */
export class PdfExtractor implements Extractor {
  readonly name = 'pdf';
  readonly mediaTypes = ['application/pdf'] as const;

  constructor(
    private readonly textLayers: PdfTextPool,
    private readonly scans: ScanReader,
    private readonly ocrDpi: number,
  ) {}

  async extract(input: ExtractionInput): Promise<PageText[]> {
    const pdf = await readPdf(() => loadPdf(input.bytes));
    try {
      assertPageCount(pdf.numPages, input.limits);
      const layers = await readPdf(() => this.textLayers.read(input.bytes, pdf.numPages, input.deadline));
      const session = sessionFor(input.ocrLanguage);
      const pages: PageText[] = [];
      for (const [index, layer] of layers.entries()) {
        input.deadline.check();
        if (!layer.scanned) {
          pages.push({ text: input.text.spend(layer.text), ocr: false });
          continue;
        }
        const image = await readPdf(() => this.renderForOcr(pdf, index + 1, input.limits.maxImagePixels));
        input.deadline.check();
        const text = await this.scans.read(image, input.deadline, session, input.limits.maxImagePixels);
        pages.push({ text: input.text.spend(text), ocr: true });
        if (pdf.numPages > 1) await input.onProgress(index + 1, pdf.numPages);
      }
      return pages;
    } finally {
      await pdf.destroy();
    }
  }

  private async renderForOcr(pdf: PDFDocumentProxy, number: number, maxPixels: number): Promise<Buffer> {
    const page = await pdf.getPage(number);
    try {
      return await renderPageToPng(page, this.ocrDpi, maxPixels);
    } finally {
      page.cleanup();
    }
  }
}

/** One step of reading the PDF; whatever pdf.js throws becomes an extraction failure a user can act on. */
async function readPdf<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(error);
  }
}

function unreadable(error: unknown): ExtractionFailedError {
  const name = error instanceof Error ? error.name : '';
  const reason = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new ExtractionFailedError('password_protected', 'The PDF is password-protected; upload a copy without a password.', {
      cause: error,
    });
  }
  return new ExtractionFailedError('corrupt_file', `The PDF cannot be read (${reason}); re-export or repair it and upload it again.`, {
    cause: error,
  });
}
