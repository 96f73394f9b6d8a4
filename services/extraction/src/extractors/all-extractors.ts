import { ScanReader } from '../ocr/scan-reader';
import type { TesseractOcr } from '../ocr/tesseract-ocr';
import { AsciidocExtractor } from './asciidoc.extractor';
import { CsvExtractor } from './csv.extractor';
import { DocExtractor } from './doc.extractor';
import { DocxExtractor } from './docx.extractor';
import { EmailExtractor } from './email.extractor';
import { ExtractorRegistry } from './extractor-registry';
import { HtmlExtractor } from './html.extractor';
import { ImageExtractor } from './image.extractor';
import { MarkdownExtractor } from './markdown.extractor';
import { MsgExtractor } from './msg.extractor';
import { OfficeExtractor } from './office.extractor';
import { PdfExtractor } from './pdf.extractor';
import type { PdfTextPool } from './pdf-text-pool';
import { PlainTextExtractor } from './plain-text.extractor';
import { WebvttExtractor } from './webvtt.extractor';
import { XmlExtractor } from './xml.extractor';

/** One extractor for each of knownMediaTypes (@docpipe/contracts); the service and its tests build the same set. */
export function allExtractors(ocr: TesseractOcr, pdfTextLayers: PdfTextPool, ocrDpi: number): ExtractorRegistry {
  const scans = new ScanReader(ocr);
  const documents = [
    new PdfExtractor(pdfTextLayers, scans, ocrDpi),
    new DocxExtractor(),
    new DocExtractor(),
    new HtmlExtractor(),
    new MarkdownExtractor(),
    new AsciidocExtractor(),
    new PlainTextExtractor(),
    new CsvExtractor(),
    new ImageExtractor(scans),
    new OfficeExtractor(),
    new XmlExtractor(),
    new WebvttExtractor(),
  ];
  // Attachments are read by the extractors of documents only: a message attached to a message is named, not opened.
  const attachments = new ExtractorRegistry(documents);
  return new ExtractorRegistry([...documents, new EmailExtractor(attachments), new MsgExtractor()]);
}
