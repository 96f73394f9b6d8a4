// The service's public entry point (package "exports"): its config schema for deploy checks, the extractors the
// benchmark's single-process baseline runs, and the PDF page layout the fields evaluation reads PDFs with, so
// nothing outside reaches into src/.
export { configSchema } from './config';
export { PdfExtractor } from './extractors/pdf.extractor';
export { Deadline, TextBudget, type ExtractionLimits } from './limits';
export { TesseractOcr } from './ocr/tesseract-ocr';
export { layoutPageText } from './extractors/pdf-layout';
