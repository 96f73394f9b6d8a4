import { dirname, join } from 'node:path';
import { getDocument, type PDFDocumentProxy } from './pdfjs';

// CMaps (CJK text), image decoders (JPEG 2000) and the outlines of the 14 standard fonts (drawn when a PDF names one
// without embedding it) are read from the installed package, never fetched.
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

/**
 * Opens a PDF as extraction reads it: no fonts loaded, nothing fetched, damaged files read as far as they go.
 * pdf.js's own errors come through unchanged (this also runs in the text-layer worker threads).
 */
export async function loadPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
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
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts/'),
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy();
    throw error;
  }
}
