// The service's public entry point (package "exports"): its config schema for deploy checks, the extractors, text
// blob and thumbnail the benchmark's single-process baseline runs, and what classification's evaluations read
// documents with (PDF page layout and the extractors of the formats its real-world corpus holds), so nothing outside
// reaches into src/.
export { configSchema } from './config';
export { CsvExtractor } from './extractors/csv.extractor';
export { DocxExtractor } from './extractors/docx.extractor';
export { EmailExtractor } from './extractors/email.extractor';
export type { ExtractionInput } from './extractors/extractor';
export { ExtractorRegistry } from './extractors/extractor-registry';
export { HtmlExtractor } from './extractors/html.extractor';
export { MsgExtractor } from './extractors/msg.extractor';
export { OfficeExtractor } from './extractors/office.extractor';
export { PlainTextExtractor } from './extractors/plain-text.extractor';
export { ExtractionFailedError } from './extraction.errors';
export { PdfExtractor } from './extractors/pdf.extractor';
export { PdfTextPool } from './extractors/pdf-text-pool';
export { Deadline, TextBudget, type ExtractionLimits } from './limits';
export { toExtractedText } from './extracted-text';
export { renderPage, THUMBNAIL_WIDTH } from './pages/render-page';
export { ScanReader } from './ocr/scan-reader';
export { TesseractOcr } from './ocr/tesseract-ocr';
export { layoutPageText } from './extractors/pdf-layout';
export { pageTextLayer } from './extractors/pdf-text-layer';
