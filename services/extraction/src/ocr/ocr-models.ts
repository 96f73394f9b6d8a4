import { dirname, join } from 'node:path';

/** Tesseract models shipped in npm (`@tesseract.js-data/<code>`), by the ISO 639-1 code language detection gives. */
export const OCR_LANGUAGES = { en: 'eng', de: 'deu', fr: 'fra', nl: 'nld', es: 'spa' } as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[keyof typeof OCR_LANGUAGES];

export const DEFAULT_OCR_LANGUAGE: OcrLanguage = 'eng';

/**
 * The folder holding one model's `<code>.traineddata.gz` inside its package, so nothing is downloaded.
 * Recognition uses the fast integer LSTM models; orientation detection needs the legacy `osd` model.
 */
export function ocrModelDir(code: OcrLanguage | 'osd'): string {
  return join(dirname(require.resolve(`@tesseract.js-data/${code}/package.json`)), code === 'osd' ? '4.0.0' : '4.0.0_best_int');
}

export function isOcrLanguage(code: string): code is OcrLanguage {
  return Object.values<string>(OCR_LANGUAGES).includes(code);
}
