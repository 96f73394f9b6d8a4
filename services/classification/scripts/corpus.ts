import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExtractedText } from '@docpipe/contracts';

/** The labelled documents live at the repo root: eval/train/<type>/ to learn from, eval/corpus/<type>/ to measure on. */
export const EVAL_ROOT = resolve(__dirname, '../../../eval');
export const TRAINING_DIR = join(EVAL_ROOT, 'train');
export const EVALUATION_DIR = join(EVAL_ROOT, 'corpus');

export interface CorpusDocument {
  /** Relative to the corpus folder: `invoice/acme-2024-03.txt`. */
  name: string;
  label: string;
  text: string;
  document: ExtractedText;
}

/** Every `.txt`/`.md` file under `<dir>/<label>/`, labelled by its folder, in a fixed order. */
export function loadCorpus(dir: string): CorpusDocument[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((label) =>
      readdirSync(join(dir, label))
        .filter((file) => /\.(txt|md)$/.test(file))
        .sort()
        .map((file) => {
          const text = readFileSync(join(dir, label, file), 'utf8');
          return { name: `${label}/${file}`, label, text, document: asExtractedText(`${label}/${file}`, text) };
        }),
    );
}

/** Plain text as extraction would store it: a form feed separates pages; entities are left to the classifier's own patterns. */
export function asExtractedText(documentId: string, text: string): ExtractedText {
  return {
    documentId,
    mediaType: 'text/plain',
    language: 'en',
    pages: text.split('\f').map((pageText, i) => ({ number: i + 1, text: pageText, ocr: false })),
    entities: [],
    extractor: { name: 'corpus', version: '1' },
  };
}
