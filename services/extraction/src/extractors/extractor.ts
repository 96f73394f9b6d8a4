import type { Deadline, ExtractionLimits, TextBudget } from '../limits';

export interface ExtractionInput {
  bytes: Buffer;
  /** Normalised: lower case, without parameters. */
  mediaType: string;
  /** The media type's charset parameter, when the original had one. */
  charset?: string;
  limits: ExtractionLimits;
  deadline: Deadline;
  text: TextBudget;
  /** The tenant's OCR language (a tesseract code such as `deu`); without it the first scanned page decides. */
  ocrLanguage?: string;
  /** Pages done so far of a long step (OCR of a scan), for the live view. */
  onProgress(done: number, total: number): Promise<void>;
}

export interface PageText {
  text: string;
  /** The text was recognised from pixels, not read from a text layer. */
  ocr: boolean;
}

/** Turns one family of formats into text per page. */
export interface Extractor {
  /** Recorded with the result (`extraction/<name>`), so results can be traced and redone. */
  readonly name: string;
  readonly mediaTypes: readonly string[];
  extract(input: ExtractionInput): Promise<PageText[]>;
}
