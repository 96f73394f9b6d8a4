/* Evaluation-only sources added after the model was last tuned: labelled by what their source calls each file, never read while tuning. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVAL_ROOT } from './corpus';
import { named, type Source } from './real-sources';

/**
 * A document-conversion tool's own test files (papers, decks, workbooks, web pages, messages, invoices and scans),
 * labelled by their file names; and a PDF renderer's samples. Wholly in the evaluation split.
 */
export const unseenSources: Source[] = [
  {
    repo: 'microsoft/markitdown',
    licence: 'MIT (microsoft/markitdown LICENSE); the converter’s test files',
    heldOut: true,
    pick: (paths) => {
      const tests = (pattern: string, label: string) =>
        named(paths, new RegExp(`^packages/markitdown/tests/test_files/(${pattern})$`), label, 'en');
      const ocr = (pattern: string, label: string) =>
        named(paths, new RegExp(`^packages/markitdown-ocr/tests/ocr_test_data/(${pattern})$`), label, 'en');
      return [
        ...tests('test\\.pdf', 'scientific-paper'),
        ...tests('test\\.pptx', 'presentation'),
        ...tests('test\\.xlsx|test_mskanji\\.csv', 'spreadsheet'),
        ...tests('test_outlook_msg\\.msg', 'email'),
        ...tests('test_(blog|wikipedia|serp)\\.html', 'other'),
        ...tests('RECEIPT-[^/]+\\.pdf', 'receipt'),
        ...tests('(REPAIR|SPARSE)-[^/]+-INV-[^/]+\\.pdf', 'invoice'),
        ...tests('MEDRPT-[^/]+_report_scan\\.pdf', 'report'),
        ...ocr('pdf_scanned_invoice\\.pdf', 'invoice'),
        ...ocr('pdf_scanned_(sales_)?report\\.pdf', 'report'),
        ...ocr('pdf_scanned_meeting_minutes\\.pdf', 'other'),
        ...ocr('pptx_[a-z_]+\\.pptx', 'presentation'),
        ...ocr('xlsx_[a-z_]+\\.xlsx', 'spreadsheet'),
      ];
    },
  },
  {
    repo: 'CourtBouillon/weasyprint-samples',
    licence: 'no licence file in the repository (WeasyPrint sample output); read here, never copied',
    heldOut: true,
    // Each sample is what its folder says: a report, a letter, an invoice; a book's pages are none of the types.
    pick: (paths) => [
      ...named(paths, /^report\/report\.pdf$/, 'report', 'en'),
      ...named(paths, /^letter\/letter\.pdf$/, 'letter', 'en'),
      ...named(paths, /^invoice\/invoice\.pdf$/, 'invoice', 'en'),
      ...named(paths, /^book\/book\.pdf$/, 'other', 'en'),
    ],
  },
];

interface FieldsEntry {
  type: string;
  repo: string;
  path: string;
  language?: string;
  licence: string;
  heldOut?: boolean;
}

/**
 * The fields evaluation's held-out invoices and receipts (eval/fields/manifest.json, typed there by the person who
 * labelled their fields) from repositories no other source here names: many issuers and languages, never trained on.
 */
export function fieldsHeldOutSources(taken: ReadonlySet<string>): Source[] {
  const { documents } = JSON.parse(readFileSync(join(EVAL_ROOT, 'fields/manifest.json'), 'utf8')) as { documents: FieldsEntry[] };
  const byRepo = new Map<string, FieldsEntry[]>();
  for (const entry of documents.filter((candidate) => candidate.heldOut && !taken.has(candidate.repo)))
    byRepo.set(entry.repo, [...(byRepo.get(entry.repo) ?? []), entry]);
  return [...byRepo].map(([repo, entries]) => ({
    repo,
    licence: entries[0].licence,
    heldOut: true,
    pick: (paths) =>
      entries
        .filter((entry) => paths.includes(entry.path))
        .map((entry) => ({ path: entry.path, label: entry.type, language: entry.language ?? 'en' })),
  }));
}

/** The repositories this file adds beside the `earlier` sources: the freshest test of whether a change generalises. */
export function newestUnseenRepos(earlier: readonly Source[]): Set<string> {
  const taken = new Set([...earlier, ...unseenSources].map((source) => source.repo));
  return new Set([...unseenSources, ...fieldsHeldOutSources(taken)].map((source) => source.repo));
}
