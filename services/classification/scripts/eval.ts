/* Measures each classification engine on the real-world evaluation split (eval/real) beside the baseline, then on eval/corpus/<type>/. */
import { DEFAULT_DOCUMENT_TYPES, OTHER_DOCUMENT_TYPE } from '@docpipe/contracts';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createLogger } from '@docpipe/platform';
import { DEFAULT_MODEL_PATH, OfflineClassifier, readModelFile } from '../src/adapters/offline.classifier';
import { modelFileSchema } from '../src/model/model-file';
import { OllamaClassifier } from '../src/adapters/ollama.classifier';
import type { DocumentClassifier } from '../src/classifier';
import { extractFields } from '../src/fields';
import { OfflineModel } from '../src/model/offline-model';
import { EVALUATION_DIR, loadCorpus, TRAINING_DIR, type CorpusDocument } from './corpus';
import { expectedCalibrationError, formatMetrics, measure, otherRate, type Scored } from './metrics';
import { INSPECTED_SOURCES } from './inspected-sources';
import { heldOutSources, loadRealCorpus } from './real-corpus';
import { sources } from './real-sources';
import { trainingInvoiceSources } from './training-invoices';
import { trainingSources } from './training-sources';
import { newestUnseenRepos } from './unseen-sources';

/** The model before real-world training (commit c400e1a): the baseline every figure is printed beside. */
const BASELINE = { commit: 'c400e1a', path: 'services/classification/model/document-classifier.json' };

const taxonomy: string[] = [...DEFAULT_DOCUMENT_TYPES];

async function main(): Promise<void> {
  const file = readModelFile(DEFAULT_MODEL_PATH);
  const real = await loadRealCorpus('eval');
  if (real.missing.length > 0)
    console.log(`not scored (no snapshot under SOURCES_DIR; fetch them with the search tool): ${real.missing.join(', ')}`);
  if (real.unreadable.length > 0) console.log(`not scored (extraction refuses them): ${real.unreadable.join(', ')}`);
  const languages = [...new Set(real.documents.map((doc) => doc.language))].join(', ');
  console.log(`real-world evaluation split: ${real.documents.length} documents (${languages}) from eval/real/manifest.json`);
  const baseline = modelFileSchema.parse(
    JSON.parse(execFileSync('git', ['show', `${BASELINE.commit}:${BASELINE.path}`], { maxBuffer: 64 << 20 }).toString()),
  );
  await report(
    `baseline ${baseline.version} (${BASELINE.commit}) on real documents`,
    new OfflineClassifier(baseline, baseline.labels),
    real.documents,
  );
  const realOutcomes = await report(
    `offline model ${file.version} (threshold ${file.threshold}, temperature ${file.temperature}) on real documents`,
    new OfflineClassifier(file, taxonomy),
    real.documents,
  );
  const heldOut = heldOutSources();
  const unseen = real.documents.filter((doc) => heldOut.includes(doc.source));
  const unseenOutcomes = await report(
    `offline model ${file.version} on sources never trained on (${heldOut.join(', ')})`,
    new OfflineClassifier(file, taxonomy),
    unseen,
  );
  breakDown('source never trained on', unseenOutcomes, (i) => unseen[i].source);
  const untouched = unseen.filter((doc) => !(doc.source in INSPECTED_SOURCES));
  await report(
    `offline model ${file.version} on sources never trained on nor inspected (without ${Object.keys(INSPECTED_SOURCES).join(', ')})`,
    new OfflineClassifier(file, taxonomy),
    untouched,
  );
  const newest = newestUnseenRepos([...sources, ...trainingSources, ...trainingInvoiceSources]);
  const fresh = untouched.filter((doc) => newest.has(doc.source));
  await report(
    `offline model ${file.version} on the sources added last (unseen-sources.ts: ${[...new Set(fresh.map((doc) => doc.source))].length} sources)`,
    new OfflineClassifier(file, taxonomy),
    fresh,
  );
  breakDown('language (whole real evaluation split)', realOutcomes, (i) => real.documents[i].language);

  const all = loadCorpus(EVALUATION_DIR);
  const corpus = all.filter((doc) => taxonomy.includes(doc.label));
  const ignored = [...new Set(all.filter((doc) => !taxonomy.includes(doc.label)).map((doc) => doc.label))];
  console.log(`evaluation set: ${corpus.length} documents in ${new Set(corpus.map((doc) => doc.label)).size} types (${EVALUATION_DIR})`);
  if (ignored.length > 0) console.log(`not scored (folders outside the taxonomy): ${ignored.join(', ')}`);
  warnAboutTrainingCopies(corpus);
  await report(`offline model ${file.version} (threshold ${file.threshold})`, new OfflineClassifier(file, taxonomy), corpus);
  thresholdSweep(new OfflineModel(file), corpus);
  fieldCoverage(corpus);

  const host = process.env.OLLAMA_HOST;
  if (!host) {
    console.log(
      '\n== Ollama: not run — OLLAMA_HOST is not set (no Ollama server on this machine); set OLLAMA_HOST (and OLLAMA_MODEL) to measure it',
    );
    return;
  }
  const model = process.env.OLLAMA_MODEL ?? 'llama3.2';
  const ollama = new OllamaClassifier(
    { host, model, timeoutMs: 120_000, maxChars: 6_000, keepAlive: '30m' },
    taxonomy,
    createLogger({ service: 'eval', level: 'warn' }),
  );
  await report(`Ollama ${model} at ${host}`, ollama, corpus);
}

async function report(
  title: string,
  classifier: DocumentClassifier,
  corpus: readonly CorpusDocument[],
): Promise<(Scored & { name: string })[]> {
  const startedAt = performance.now();
  const outcomes: (Scored & { name: string })[] = [];
  for (const doc of corpus) {
    const { documentType, confidence } = await classifier.classify(doc.document);
    outcomes.push({ name: doc.name, expected: doc.label, predicted: documentType, confidence });
  }
  const ms = performance.now() - startedAt;
  console.log(`\n== ${title}: ${corpus.length} documents, ${(ms / corpus.length).toFixed(1)} ms each`);
  const metrics = measure(outcomes, taxonomy);
  console.log(
    `SUMMARY ${title}: accuracy ${metrics.accuracy.toFixed(3)}, macro-F1 ${metrics.macroF1.toFixed(3)}, ` +
      `ECE ${expectedCalibrationError(outcomes).toFixed(3)}, other on known types ${(otherRate(outcomes, OTHER_DOCUMENT_TYPE) * 100).toFixed(1)}%`,
  );
  console.log(formatMetrics(metrics));
  const wrong = outcomes.filter((o) => o.expected !== o.predicted);
  if (wrong.length > 0) {
    console.log('\nmisclassified:');
    for (const o of wrong.slice(0, 40)) console.log(`  ${o.name.padEnd(60)} → ${o.predicted} (${o.confidence.toFixed(2)})`);
    if (wrong.length > 40) console.log(`  … and ${wrong.length - 40} more`);
  }
  const right = outcomes.filter((o) => o.expected === o.predicted);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
  console.log(
    `mean confidence: correct ${mean(right.map((o) => o.confidence)).toFixed(2)}, wrong ${mean(wrong.map((o) => o.confidence)).toFixed(2)}`,
  );
  return outcomes;
}

/** Accuracy per group (a source, a language): one strong group must not hide a weak one. */
function breakDown(what: string, outcomes: readonly Scored[], groupOf: (index: number) => string): void {
  const groups = new Map<string, Scored[]>();
  outcomes.forEach((outcome, i) => groups.set(groupOf(i), [...(groups.get(groupOf(i)) ?? []), outcome]));
  console.log(`\nper ${what}:`);
  console.log(`  ${'group'.padEnd(44)} documents  accuracy  other on known types  ECE`);
  for (const [group, scored] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const accuracy = scored.filter((o) => o.expected === o.predicted).length / scored.length;
    console.log(
      `  ${group.padEnd(44)} ${String(scored.length).padStart(9)}  ${(accuracy * 100).toFixed(1).padStart(7)}%` +
        `  ${(otherRate(scored, OTHER_DOCUMENT_TYPE) * 100).toFixed(1).padStart(19)}%  ${expectedCalibrationError(scored).toFixed(3)}`,
    );
  }
}

/** How the `other` threshold trades accuracy: the evidence for the threshold in the model file. */
function thresholdSweep(model: OfflineModel, corpus: readonly CorpusDocument[]): void {
  const ranked = corpus.map((doc) => ({ expected: doc.label, best: model.probabilities(doc.document)[0] }));
  console.log('\nthreshold sweep (below it the answer is "other"):');
  for (const threshold of [0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6]) {
    const outcomes = ranked.map(({ expected, best }) => ({
      expected,
      predicted: best.probability < threshold ? OTHER_DOCUMENT_TYPE : best.label,
    }));
    const metrics = measure(outcomes, taxonomy);
    console.log(
      `  ${threshold.toFixed(2)}  accuracy ${(metrics.accuracy * 100).toFixed(1)}%  macro-F1 ${(metrics.macroF1 * 100).toFixed(1)}%`,
    );
  }
}

/** Which fields the extractors find on documents of each (true) type. */
function fieldCoverage(corpus: readonly CorpusDocument[]): void {
  console.log('\nfields found (on the true type):');
  for (const label of taxonomy.filter((type) => type !== OTHER_DOCUMENT_TYPE)) {
    const docs = corpus.filter((doc) => doc.label === label);
    if (docs.length === 0) continue;
    const found = new Map<string, number>();
    for (const doc of docs)
      for (const field of Object.keys(extractFields(label, doc.document))) found.set(field, (found.get(field) ?? 0) + 1);
    console.log(`  ${label.padEnd(18)} ${[...found].map(([field, n]) => `${field} ${n}/${docs.length}`).join(', ')}`);
  }
}

function warnAboutTrainingCopies(corpus: readonly CorpusDocument[]): void {
  const digest = (text: string) => createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
  const training = new Set(loadCorpus(TRAINING_DIR).map((doc) => digest(doc.text)));
  const copies = corpus.filter((doc) => training.has(digest(doc.text)));
  if (copies.length > 0)
    console.log(
      `WARNING: ${copies.length} evaluation documents are copies of training documents: ${copies.map((doc) => doc.name).join(', ')}`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
