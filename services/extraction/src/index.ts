// The service's public entry point (package "exports"): its config schema for deploy checks, the extractors the
// benchmark's single-process baseline runs, and what classification's evaluations read documents with (PDF page
// layout, CSV and e-mail extractors), so nothing outside reaches into src/.
export { configSchema } from './config';
export { CsvExtractor } from './extractors/csv.extractor';
export { EmailExtractor } from './extractors/email.extractor';
export type { ExtractionInput } from './extractors/extractor';
export { PdfExtractor } from './extractors/pdf.extractor';
export { Deadline, TextBudget, type ExtractionLimits } from './limits';
export { ScanReader } from './ocr/scan-reader';
export { TesseractOcr } from './ocr/tesseract-ocr';
export { layoutPageText } from './extractors/pdf-layout';
