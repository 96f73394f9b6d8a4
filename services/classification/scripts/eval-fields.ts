/* Exact match per field on real invoices and receipts (eval/fields/manifest.json), beside the baseline detector's figures. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from 'tinyld';
import { extractFields, type Fields } from '../src/fields';
import { LEGAL_FORM } from '../src/fields/labels';
import { EVAL_ROOT } from './corpus';
import { loadFieldsCorpus, SOURCES_DIR, type LabelledDocument } from './fields-corpus';

/** Written by `--write-baseline` from the detector on main before the shared entity library (commit in the file). */
const BASELINE = join(EVAL_ROOT, 'fields/baseline.json');
const SCORED: Record<LabelledDocument['type'], string[]> = {
  invoice: ['vendor', 'customer', 'number', 'issueDate', 'dueDate', 'currency', 'subtotal', 'tax', 'total', 'iban'],
  receipt: ['merchant', 'date', 'total'],
};
const TARGETS: Record<string, number> = { total: 0.85, date: 0.85, number: 0.85, vendor: 0.75 };

type Scores = Record<string, { right: number; labelled: number }>;

async function main(): Promise<void> {
  const { documents, missing } = await loadFieldsCorpus();
  if (missing.length > 0) console.log(`not in ${SOURCES_DIR} (bring them with the search tool's fetch): ${missing.join(', ')}`);
  if (documents.length === 0) throw new Error(`No evaluation documents could be read from ${SOURCES_DIR}`);
  const languages = new Map<string, number>();
  for (const doc of documents) {
    const language = detect(doc.document.pages.map((page) => page.text).join('\n')) || '?';
    languages.set(language, (languages.get(language) ?? 0) + 1);
  }
  console.log(
    `fields evaluation: ${documents.length} documents (${documents.filter((d) => d.type === 'invoice').length} invoices, ` +
      `${documents.filter((d) => d.type === 'receipt').length} receipts); languages ${[...languages].map(([l, n]) => `${l} ${n}`).join(', ')}`,
  );
  const scores: Scores = {};
  const misses: string[] = [];
  for (const doc of documents) {
    const fields = extractFields(doc.type, doc.document);
    for (const name of SCORED[doc.type]) {
      const expected = doc.labels[name];
      if (!expected) continue;
      const key = `${doc.type}.${name}`;
      scores[key] ??= { right: 0, labelled: 0 };
      scores[key].labelled++;
      const found = valueOf(fields, name);
      if (matches(name, found, expected, doc.labels.grandTotal)) scores[key].right++;
      else
        misses.push(
          `  ${doc.id.padEnd(58)} ${name.padEnd(10)} expected ${JSON.stringify(expected)}, found ${JSON.stringify(found ?? null)}`,
        );
    }
  }
  addCombined(scores);
  if (process.argv.includes('--write-baseline')) {
    writeFileSync(BASELINE, `${JSON.stringify({ commit: process.env.BASELINE_COMMIT ?? 'unknown', scores }, null, 2)}\n`);
    console.log(`baseline written to ${BASELINE}`);
  }
  const baseline = existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as { commit: string; scores: Scores }) : undefined;
  const table = report(scores, baseline);
  console.log(table);
  if (process.argv.includes('--verbose')) console.log(`\nmisses:\n${misses.join('\n')}`);
  const results = join(EVAL_ROOT, 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, 'fields.md'),
    `# Fields: exact match on real invoices and receipts\n\n\`npm run eval:fields\`\n\n\`\`\`\n${table}\n\`\`\`\n`,
  );
}

/** Receipts call the vendor `merchant`; the baseline detector called the issue date `date`. */
function valueOf(fields: Fields, name: string): string | undefined {
  const aliases: Record<string, string[]> = { issueDate: ['issueDate', 'date'], merchant: ['merchant', 'vendor'] };
  const field = (aliases[name] ?? [name]).map((alias) => fields[alias]).find(Boolean);
  return field?.value;
}

/** Amounts compare as numbers (a total may be the amount due or the grand total). */
function matches(name: string, found: string | undefined, expected: string, grandTotal: string | undefined): boolean {
  if (found === undefined) return false;
  if (['subtotal', 'tax', 'total'].includes(name)) {
    const amount = Number(found.split(' ').at(-1));
    return [expected, grandTotal].some((value) => value !== undefined && Math.abs(amount - Number(value)) < 0.005);
  }
  if (['vendor', 'customer', 'merchant'].includes(name)) return plain(found) === plain(expected);
  return found.replace(/\s/g, '').toUpperCase() === expected.replace(/\s/g, '').toUpperCase();
}

/** Names compare without case, punctuation and legal form: `Au bon moulin SARL` is `Au bon moulin`. */
const plain = (text: string) =>
  text
    .replace(new RegExp(LEGAL_FORM.source, 'gu'), ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** The figures the targets are set on: date, total and vendor over invoices and receipts together. */
function addCombined(scores: Scores): void {
  const sum = (...keys: string[]) =>
    keys.reduce((acc, key) => ({ right: acc.right + (scores[key]?.right ?? 0), labelled: acc.labelled + (scores[key]?.labelled ?? 0) }), {
      right: 0,
      labelled: 0,
    });
  scores['all.date'] = sum('invoice.issueDate', 'receipt.date');
  scores['all.total'] = sum('invoice.total', 'receipt.total');
  scores['all.vendor'] = sum('invoice.vendor', 'receipt.merchant');
  scores['all.number'] = sum('invoice.number');
}

function report(scores: Scores, baseline: { commit: string; scores: Scores } | undefined): string {
  const rate = (s: { right: number; labelled: number } | undefined) => (s && s.labelled > 0 ? s.right / s.labelled : undefined);
  const lines = [
    `${'field'.padEnd(20)} ${'labelled'.padStart(8)} ${'exact'.padStart(7)} ${'baseline'.padStart(9)} ${'target'.padStart(7)}`,
  ];
  for (const [key, score] of Object.entries(scores)) {
    const target = key.startsWith('all.') ? TARGETS[key.slice(4)] : undefined;
    const base = rate(baseline?.scores[key]);
    lines.push(
      `${key.padEnd(20)} ${String(score.labelled).padStart(8)} ${(rate(score)?.toFixed(2) ?? '-').padStart(7)} ${(base?.toFixed(2) ?? '-').padStart(9)} ${(target?.toFixed(2) ?? '').padStart(7)}`,
    );
  }
  if (baseline) lines.push(`baseline: the detector at ${baseline.commit}`);
  return lines.map((line) => line.trimEnd()).join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
