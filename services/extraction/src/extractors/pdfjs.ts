// The one place pdf.js is loaded. Its legacy build (the one that runs on Node 20) carries core-js polyfills that
// replace Array.prototype.push, JSON.parse and JSON.stringify for the whole process with JavaScript versions
// (push ~5x slower, stringify ~4x), which pdf.js's own text extraction leans on. The first import takes the
// engine's own before pdf.js loads; the call at the end puts them back.
import { restoreNativeBuiltins } from './native-builtins';

export { getDocument, normalizeUnicode, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
// Registers pdf.js's worker code on globalThis, so pdf.js parses in-process instead of importing it at run time.
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';

restoreNativeBuiltins();
