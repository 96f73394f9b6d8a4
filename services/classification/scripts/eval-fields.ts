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
/** Written by `--write-previous` from the fields code main had before the latest change, on the current set. */
const PREVIOUS = join(EVAL_ROOT, 'fields/previous.json');
const SCORED: Record<LabelledDocument['type'], string[]> = {
  invoice: ['vendor', 'customer', 'number', 'issueDate', 'dueDate', 'currency', 'subtotal', 'tax', 'total', 'iban', 'vendorVatId'],
  receipt: ['merchant', 'date', 'total', 'paymentMethod'],
  contract: ['parties', 'effectiveDate', 'term', 'noticePeriod'],
};
const TARGETS: Record<string, number> = { total: 0.85, date: 0.85, number: 0.85, vendor: 0.75 };

type Scores = Record<string, { right: number; labelled: number }>;

async function main(): Promise<void> {
  const { documents, missing } = await loadFieldsCorpus();
  if (missing.length > 0) console.log(`not in ${SOURCES_DIR} (bring them with the search tool's fetch): ${missing.join(', ')}`);
  if (documents.length === 0) throw new Error(`No evaluation documents could be read from ${SOURCES_DIR}`);
  const languages = new Map<string, number>();
  for (const doc of documents) languages.set(languageOf(doc), (languages.get(languageOf(doc)) ?? 0) + 1);
  console.log(
    `fields evaluation: ${documents.length} documents (${documents.filter((d) => d.type === 'invoice').length} invoices, ` +
      `${documents.filter((d) => d.type === 'receipt').length} receipts, ${documents.filter((d) => d.type === 'contract').length} contracts); languages ${[...languages].map(([l, n]) => `${l} ${n}`).join(', ')}`,
  );
  const scores: Scores = {};
  const groupings: Record<Grouping, (doc: LabelledDocument) => string> = {
    language: languageOf,
    source: (doc) => doc.source,
    split: (doc) =>
      doc.heldOut
        ? doc.heldOutSince
          ? `held out since ${doc.heldOutSince}`
          : 'held out'
        : doc.heldOutUntil
          ? `held out until ${doc.heldOutUntil}`
          : 'tuned on',
  };
  const groups = Object.fromEntries(Object.keys(groupings).map((name) => [name, new Map<string, Group>()])) as Record<
    Grouping,
    Map<string, Group>
  >;
  const misses: string[] = [];
  // `--per-document <file>`: right or wrong per document and field, to compare two versions document by document.
  const perDocument: Record<string, Record<string, boolean>> = {};
  for (const doc of documents) {
    const fields = extractFields(doc.type, doc.document);
    const tallies = [scores];
    for (const [grouping, keyOf] of Object.entries(groupings) as [Grouping, (doc: LabelledDocument) => string][]) {
      const group = groups[grouping].get(keyOf(doc)) ?? { documents: 0, scores: {} };
      group.documents++;
      groups[grouping].set(keyOf(doc), group);
      tallies.push(group.scores);
    }
    for (const name of SCORED[doc.type]) {
      const expected = [doc.labels[name] ?? []].flat();
      if (expected.length === 0) continue;
      const found = valueOf(fields, name);
      const right = matches(name, found, name === 'total' ? [...expected, ...[doc.labels.grandTotal ?? []].flat()] : expected);
      (perDocument[doc.id] ??= {})[name] = right;
      for (const tally of tallies) {
        const key = `${doc.type}.${name}`;
        tally[key] ??= { right: 0, labelled: 0 };
        tally[key].labelled++;
        if (right) tally[key].right++;
      }
      // A held-out source's misses stay unread unless asked for: reading them would make it a tuning source.
      if (!right && (!doc.heldOut || process.argv.includes('--held-out-misses')))
        misses.push(
          `  ${doc.id.padEnd(58)} ${name.padEnd(10)} expected ${JSON.stringify(expected)}, found ${JSON.stringify(found ?? null)}`,
        );
    }
  }
  addCombined(scores);
  for (const grouping of Object.values(groups)) for (const group of grouping.values()) addCombined(group.scores);
  for (const [flag, file] of [
    ['--write-baseline', BASELINE],
    ['--write-previous', PREVIOUS],
  ]) {
    if (!process.argv.includes(flag)) continue;
    writeFileSync(
      file,
      `${JSON.stringify({ commit: process.env.BASELINE_COMMIT ?? 'unknown', documents: documents.length, scores, splits: splitScores(groups.split) }, null, 2)}\n`,
    );
    console.log(`written to ${file}`);
  }
  const perDocumentFile = process.argv[process.argv.indexOf('--per-document') + 1];
  if (process.argv.includes('--per-document') && perDocumentFile) writeFileSync(perDocumentFile, JSON.stringify(perDocument, null, 1));
  const table = [
    report(scores, readScores(PREVIOUS), readScores(BASELINE)),
    ...[...groups.split.keys()]
      .filter((split) => split.startsWith('held out') && !split.startsWith('held out until'))
      .sort()
      .map(
        (split) =>
          `${split}: every field on the sources never read while tuning (now, and with the previous code)\n${splitReport(
            splitScores(groups.split)[split],
            readScores(PREVIOUS)?.splits?.[split],
          )}`,
      ),
    `sources held out from tuning the detector (their misses are not printed and no change was made for them): ${[...groups.source]
      .filter(([source]) => documents.some((doc) => doc.heldOut && doc.source === source))
      .map(([source]) => source)
      .join(', ')}`,
    ...(Object.keys(groupings) as Grouping[]).map(
      (grouping) => `per ${grouping} (documents; exact match of the four target fields)\n${groupReport(grouping, groups[grouping])}`,
    ),
  ].join('\n\n');
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

/**
 * Right when the value is one of the expected ones. Amounts compare as numbers without sign (a total
 * may be the amount due or the grand total, which come last in the list).
 */
function matches(name: string, found: string | undefined, expected: string[]): boolean {
  if (found === undefined) return false;
  if (['subtotal', 'tax', 'total'].includes(name)) {
    // A credit note prints its total as -233.47 where its XML says 233.47: the amount is what is compared.
    const amount = Math.abs(Number(found.split(' ').at(-1)));
    return expected.some((value) => Math.abs(amount - Math.abs(Number(value))) < 0.005);
  }
  // `Acme Inc; Jane Doe`: every party the label names must be among those found.
  if (name === 'parties') return expected.some((value) => value.split('; ').every((party) => plain(found).includes(plain(party))));
  if (name === 'term' || name === 'noticePeriod') return expected.some((value) => duration(found) === duration(value));
  const compare = ['vendor', 'customer', 'merchant'].includes(name) ? plain : (text: string) => text.replace(/\s/g, '').toUpperCase();
  return expected.some((value) => compare(found) === compare(value));
}

/** `thirty (30) days'`, `30 days` and `thirty days` are all `30 day`. */
function duration(text: string): string {
  const words: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
  Object.assign(words, { eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90 });
  const lower = text.toLowerCase();
  const count = /\d+/.exec(lower)?.[0] ?? String(words[/[a-z]+/.exec(lower)?.[0] ?? ''] ?? '');
  const unit = /(day|week|month|year)/.exec(lower)?.[1] ?? lower;
  return `${count} ${unit}`;
}

/** The language the manifest gives, else the one tinyld finds among those the labelled set covers. */
const detected = new Map<string, string>();
function languageOf(doc: LabelledDocument): string {
  if (doc.language) return doc.language;
  const known = detected.get(doc.id) ?? (detect(doc.document.pages.map((page) => page.text).join('\n'), { only: LANGUAGES }) || '?');
  detected.set(doc.id, known);
  return known;
}
const LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it'];

type Grouping = 'language' | 'source' | 'split';
interface Group {
  documents: number;
  scores: Scores;
}

function groupReport(grouping: Grouping, groups: Map<string, Group>): string {
  const rate = (s: { right: number; labelled: number } | undefined) => (s && s.labelled > 0 ? `${s.right}/${s.labelled}` : '-');
  const fields = ['all.date', 'all.total', 'all.number', 'all.vendor'];
  const width = Math.max(9, ...[...groups.keys()].map((key) => key.length + 1));
  const lines = [`${grouping.padEnd(width)} ${'docs'.padStart(5)} ${fields.map((f) => f.slice(4).padStart(8)).join(' ')}`];
  for (const [key, group] of [...groups].sort((a, b) => a[0].localeCompare(b[0])))
    lines.push(
      `${key.padEnd(width)} ${String(group.documents).padStart(5)} ${fields.map((f) => rate(group.scores[f]).padStart(8)).join(' ')}`,
    );
  return lines.join('\n');
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

interface Measured {
  commit: string;
  documents?: number;
  scores: Scores;
  /** Per split (`held out`, `tuned on`): written since the held-out set was widened. */
  splits?: Record<string, Scores>;
}

const splitScores = (groups: Map<string, Group>): Record<string, Scores> =>
  Object.fromEntries([...groups].map(([name, group]) => [name, group.scores]));

/** Right of labelled per field on one split, beside the previous code's count on the same documents. */
function splitReport(now: Scores | undefined, previous: Scores | undefined): string {
  if (!now) return '(none)';
  const rate = (s: { right: number; labelled: number } | undefined) => (s ? `${s.right}/${s.labelled}` : '-');
  const lines = [`${'field'.padEnd(20)} ${'exact'.padStart(7)} ${'previous'.padStart(9)}`];
  for (const [key, score] of Object.entries(now))
    lines.push(`${key.padEnd(20)} ${rate(score).padStart(7)} ${rate(previous?.[key]).padStart(9)}`);
  return lines.join('\n');
}

const readScores = (file: string): Measured | undefined =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Measured) : undefined;

function report(scores: Scores, previous: Measured | undefined, baseline: Measured | undefined): string {
  const rate = (s: { right: number; labelled: number } | undefined) => (s && s.labelled > 0 ? s.right / s.labelled : undefined);
  const lines = [
    `${'field'.padEnd(20)} ${'labelled'.padStart(8)} ${'exact'.padStart(7)} ${'previous'.padStart(9)} ${'baseline'.padStart(9)} ${'target'.padStart(7)}`,
  ];
  for (const [key, score] of Object.entries(scores)) {
    const target = key.startsWith('all.') ? TARGETS[key.slice(4)] : undefined;
    const [before, base] = [rate(previous?.scores[key]), rate(baseline?.scores[key])];
    lines.push(
      `${key.padEnd(20)} ${String(score.labelled).padStart(8)} ${(rate(score)?.toFixed(2) ?? '-').padStart(7)} ${(before?.toFixed(2) ?? '-').padStart(9)} ${(base?.toFixed(2) ?? '-').padStart(9)} ${(target?.toFixed(2) ?? '').padStart(7)}`,
    );
  }
  if (previous) lines.push(`previous: the fields code at ${previous.commit}, on these ${previous.documents} documents`);
  if (baseline) lines.push(`baseline: the detector at ${baseline.commit}, on the ${baseline.documents ?? 70} documents the set had then`);
  return lines.map((line) => line.trimEnd()).join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
