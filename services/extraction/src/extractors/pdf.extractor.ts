import { dirname, join } from 'node:path';
import { ExtractionFailedError } from '../extraction.errors';
import { assertPageCount } from '../limits';
import { sessionFor, type ScanReader, type ScanSession } from '../ocr/scan-reader';
import type { ExtractionInput, Extractor, PageText } from './extractor';
import { layoutPageText } from './pdf-layout';
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from './pdfjs';
import { renderPageToPng } from './pdf-page-image';

// CMaps (CJK text) and image decoders (JPEG 2000) are read from the installed package, never fetched.
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);

/** The text layer of each page; pages without one (scans) are rendered and OCRed. */
export class PdfExtractor implements Extractor {
  readonly name = 'pdf';
  readonly mediaTypes = ['application/pdf'] as const;

  constructor(
    private readonly scans: ScanReader,
    private readonly ocrDpi: number,
  ) {}

  async extract(input: ExtractionInput): Promise<PageText[]> {
    const pdf = await open(input.bytes);
    try {
      assertPageCount(pdf.numPages, input.limits);
      const pages: PageText[] = [];
      const session = sessionFor(input.ocrLanguage);
      for (let number = 1; number <= pdf.numPages; number++) {
        input.deadline.check();
        const page = await readPage(() => pdf.getPage(number));
        try {
          const text = await this.pageText(page, input, session);
          pages.push({ text: input.text.spend(text.text), ocr: text.ocr });
          if (text.ocr && pdf.numPages > 1) await input.onProgress(number, pdf.numPages);
        } finally {
          page.cleanup();
        }
      }
      return pages;
    } finally {
      await pdf.destroy();
    }
  }

  private async pageText(page: PDFPageProxy, input: ExtractionInput, session: ScanSession): Promise<PageText> {
    const layer = await readPage(() => page.getTextContent());
    const text = layoutPageText(layer.items.filter((item) => 'str' in item));
    if (text !== '' || !(await hasImages(page))) return { text, ocr: false };
    const image = await readPage(() => renderPageToPng(page, this.ocrDpi, input.limits.maxImagePixels));
    input.deadline.check();
    return { text: await this.scans.read(image, input.deadline, session, input.limits.maxImagePixels), ocr: true };
  }
}

async function open(bytes: Buffer): Promise<PDFDocumentProxy> {
  // pdf.js takes ownership of (detaches) the array it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: join(PDFJS_DIR, 'cmaps/'),
    cMapPacked: true,
    wasmUrl: join(PDFJS_DIR, 'wasm/'),
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy();
    throw unreadable(error);
  }
}

async function hasImages(page: PDFPageProxy): Promise<boolean> {
  const operators = await readPage(() => page.getOperatorList());
  return operators.fnArray.some((operator) => IMAGE_OPS.has(operator));
}

async function readPage<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw error instanceof ExtractionFailedError ? error : unreadable(error);
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
