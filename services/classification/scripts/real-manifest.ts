/* Writes eval/real/manifest.json: real documents in the search tool's snapshots, labelled by what their source says they are. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { REAL_MANIFEST, snapshotGitDir, type RealEntry } from './real-corpus';
import { sources } from './real-sources';
import { trainingInvoiceSources } from './training-invoices';
import { trainingSources } from './training-sources';
import { fieldsHeldOutSources, unseenSources } from './unseen-sources';

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

const named = [...sources, ...trainingSources, ...trainingInvoiceSources, ...unseenSources];
const all = [...named, ...fieldsHeldOutSources(new Set(named.map((source) => source.repo)))];
const documents: RealEntry[] = [];
for (const source of all) {
  const gitDir = snapshotGitDir(source.repo);
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
      split: source.heldOut ? 'eval' : source.trainOnly ? 'train' : split(path),
      repo: source.repo,
      commit,
      path,
      licence: source.licence,
    });
}
// The fields evaluation's held-out documents test field rules on layouts never tuned on: say which ones train here.
const fieldsHeldOut = new Set(
  fieldsHeldOutSources(new Set()).flatMap((source) =>
    source
      .pick(documents.filter((entry) => entry.repo === source.repo).map((entry) => entry.path))
      .map(({ path }) => `${source.repo}/${path}`),
  ),
);
const overlap = documents.filter((entry) => entry.split === 'train' && fieldsHeldOut.has(entry.id));
if (overlap.length > 0) console.log(`training documents the fields evaluation holds out: ${overlap.map((entry) => entry.id).join(', ')}`);
// The same paper three times over (layout-parser) must not sit on both sides of the split.
for (const entry of documents) if (entry.path.includes('layout-parser-paper')) entry.split = 'eval';
writeFileSync(
  REAL_MANIFEST,
  JSON.stringify(
    {
      about:
        'Real documents from public repositories, read from the search tool snapshots (never copied here). Labels come from each source: SROIE receipts, ZUGFeRD/Factur-X invoices, e-mails, CSV and workbook exports, slide decks, arXiv papers, CUAD contracts, published terms and agreements, government reports, CV and letter templates’ examples, fillable forms. Sources marked held out in scripts/real-sources.ts are wholly in the evaluation split.',
      documents,
    },
    null,
    2,
  ) + '\n',
);
const count = (split: string) => documents.filter((entry) => entry.split === split).length;
console.log(`wrote ${REAL_MANIFEST}: ${documents.length} documents (${count('train')} train, ${count('eval')} eval)`);
