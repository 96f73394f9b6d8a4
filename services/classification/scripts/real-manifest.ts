/* Writes eval/real/manifest.json: real documents in the search tool's snapshots, labelled by what their source says they are. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_MANIFEST, SNAPSHOTS_DIR, type RealEntry } from './real-corpus';

interface Source {
  repo: string;
  licence: string;
  /** Every file goes to the evaluation split: types measured on a source the model never learned from. */
  heldOut?: boolean;
  /** Which files, and the label their source gives them. */
  pick(paths: string[]): { path: string; label: string; language: string }[];
}

const sources: Source[] = [
  {
    repo: 'zzzDavid/ICDAR-2019-SROIE',
    licence: 'MIT (repository); receipts of the ICDAR 2019 SROIE competition, for research use',
    // Scanned Malaysian shop receipts, transcribed line by line; every fourth one keeps the set a few hundred strong.
    pick: (paths) =>
      paths
        .filter((path) => /^data\/box\/.*\.csv$/.test(path))
        .filter((_, i) => i % 4 === 0)
        .map((path) => ({ path, label: 'receipt', language: 'en' })),
  },
  {
    repo: 'ZUGFeRD/corpus',
    licence: 'Apache-2.0 (ZUGFeRD/corpus LICENSE)',
    // Real and sample e-invoices (ZUGFeRD 1/2, Factur-X) from German and French issuers; `fail/` only fails XML validation.
    pick: (paths) =>
      paths
        .filter((path) => /\.pdf$/i.test(path) && /^(ZUGFeRDv1|ZUGFeRDv2|XML-Rechnung\/FX|unstructured)\//.test(path))
        .map((path) => ({ path, label: 'invoice', language: /fr|factur-?x_?fr|_FR/i.test(path) ? 'fr' : 'de' })),
  },
  {
    repo: 'Unstructured-IO/unstructured',
    licence: 'Apache-2.0 (Unstructured-IO/unstructured LICENSE.md)',
    pick: (paths) => [
      ...paths
        .filter((path) => /^example-docs\/(eml\/|language-docs\/)?[^/]+\.eml$/.test(path) && !/empty|encrypted/.test(path))
        .map((path) => ({ path, label: 'email', language: 'en' })),
      ...paths
        .filter((path) => /^example-docs\/[^/]+\.(csv|tsv)$/.test(path))
        .map((path) => ({ path, label: 'spreadsheet', language: 'en' })),
      ...['layout-parser-paper-fast.pdf', 'layout-parser-paper-with-table.pdf', 'a1977-backus-p21.pdf'].map((name) => ({
        path: `example-docs/pdf/${name}`,
        label: 'scientific-paper',
        language: 'en',
      })),
      // Office files: slide decks, Outlook messages and workbooks as the project's own tests keep them.
      ...paths
        .filter((path) => /^example-docs\/(language-docs\/)?[^/]+\.pptx$/.test(path) && !/malformed/.test(path))
        .map((path) => ({ path, label: 'presentation', language: 'en' })),
      ...paths
        .filter((path) => /^example-docs\/[^/]+\.msg$/.test(path) && !/encrypted/.test(path))
        .map((path) => ({ path, label: 'email', language: 'en' })),
      ...paths
        .filter((path) => /^example-docs\/(language-docs\/)?[^/]+\.xlsx$/.test(path) && !/empty|password/.test(path))
        .map((path) => ({ path, label: 'spreadsheet', language: 'en' })),
      ...['book-war-and-peace-1p.txt', 'norwich-city.txt', 'language-docs/UDHR_first_article_all.txt', 'fake-text.txt'].map((name) => ({
        path: `example-docs/${name}`,
        label: 'other',
        language: 'en',
      })),
    ],
  },
  {
    repo: 'apache/tika',
    licence: 'Apache-2.0 (apache/tika LICENSE.txt); test documents of Tika’s parsers',
    heldOut: true,
    // Decks, messages and workbooks by other people and other tools than the sources above.
    pick: (paths) =>
      paths
        .filter(
          (path) =>
            /\/test-documents\/[^/]+\.(pptx|odp|eml|msg|xlsx|ods)$/i.test(path) &&
            !/protected|encrypt|passtika|Appointment|Contact|Task|StickyNote/i.test(path),
        )
        .map((path) => ({ path, label: labelOfTikaFile(path), language: 'en' })),
  },
  {
    repo: 'py-pdf/benchmarks',
    licence: 'arXiv papers as transcribed in py-pdf/benchmarks (each under its authors’ arXiv licence)',
    pick: (paths) =>
      paths
        .filter((path) => /^read\/extraction-ground-truth\/\d+\.\d+\.txt$/.test(path))
        .map((path) => ({ path, label: 'scientific-paper', language: 'en' })),
  },
];

/** Tika names its test files by format, not content: the format is what each one is. */
function labelOfTikaFile(path: string): string {
  if (/\.(pptx|odp)$/i.test(path)) return 'presentation';
  if (/\.(eml|msg)$/i.test(path)) return 'email';
  return 'spreadsheet';
}

/**
 * About half of the documents are for evaluation, chosen by a hash of the file name so the split never drifts
 * and the same sample kept in several folders (ZUGFeRD 1, 2 and Factur-X copies of one invoice) stays on one side.
 */
function split(path: string): 'train' | 'eval' {
  const name = path
    .replace(/^.*\//, '')
    .replace(/\.[^.]+$/, '')
    .toLowerCase();
  return createHash('sha256').update(name).digest()[0] % 2 === 0 ? 'train' : 'eval';
}

const documents: RealEntry[] = [];
for (const source of sources) {
  const gitDir = join(SNAPSHOTS_DIR, source.repo.replace('/', '+'), 'repo');
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 64 << 20 })
      .toString()
      .trim();
  const commit = git('rev-parse', 'HEAD');
  const paths = git('ls-tree', '-r', '--name-only', commit).split('\n').sort();
  // Snapshots leave out files of 4 MiB and more: name only what can be read (batch-check answers line by line).
  const picked = source.pick(paths);
  const checked = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-check'], {
    input: picked.map(({ path }) => `${commit}:${path}\n`).join(''),
    maxBuffer: 64 << 20,
  })
    .toString()
    .split('\n');
  for (const { path, label, language } of picked.filter((_, i) => / blob \d+$/.test(checked[i])))
    documents.push({
      id: `${source.repo}/${path}`,
      label,
      language,
      split: source.heldOut ? 'eval' : split(path),
      repo: source.repo,
      commit,
      path,
      licence: source.licence,
    });
}
// The same paper three times over (layout-parser) must not sit on both sides of the split.
for (const entry of documents) if (entry.path.includes('layout-parser-paper')) entry.split = 'eval';
writeFileSync(
  REAL_MANIFEST,
  JSON.stringify(
    {
      about:
        'Real documents from public repositories, read from the search tool snapshots (never copied here). Labels come from each source: SROIE receipts, ZUGFeRD/Factur-X invoices, e-mails, CSV and workbook exports, slide decks, arXiv papers. Sources marked held out (apache/tika) are wholly in the evaluation split.',
      documents,
    },
    null,
    2,
  ) + '\n',
);
const count = (split: string) => documents.filter((entry) => entry.split === split).length;
console.log(`wrote ${REAL_MANIFEST}: ${documents.length} documents (${count('train')} train, ${count('eval')} eval)`);
