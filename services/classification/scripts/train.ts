/* Trains the offline classifier from eval/train/<type>/*.txt and the real documents of eval/real's train split, calibrates its temperature; writes model/document-classifier.json. */
import { DEFAULT_DOCUMENT_TYPES } from '@docpipe/contracts';
import { createHash } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { DEFAULT_MODEL_PATH } from '../src/adapters/offline.classifier';
import { fitTemperature } from '../src/model/calibration';
import { serializeModel } from '../src/model/model-file';
import { OfflineModel } from '../src/model/offline-model';
import { trainingSettings, trainModel } from '../src/model/train';
import { loadCorpus, TRAINING_DIR, type CorpusDocument } from './corpus';
import { loadRealCorpus } from './real-corpus';

async function main(): Promise<void> {
  const startedAt = performance.now();
  const real = await loadRealCorpus('train');
  if (real.missing.length > 0)
    throw new Error(`No snapshot of ${real.missing.join(', ')}: fetch them with the search tool or set SOURCES_DIR`);
  if (real.unreadable.length > 0) console.log(`skipped (extraction refuses them): ${real.unreadable.join(', ')}`);
  const corpus = [...loadCorpus(TRAINING_DIR), ...real.documents];
  const labels: string[] = [...DEFAULT_DOCUMENT_TYPES];
  for (const label of labels) {
    const count = corpus.filter((example) => example.label === label).length;
    if (count === 0) throw new Error(`No training documents for "${label}": add some under ${TRAINING_DIR}/${label}/`);
    console.log(`${label.padEnd(18)} ${count} documents`);
  }
  // Calibration: a quarter of the real documents (by a hash of the name) is left out of a first model, the
  // temperature that makes that model's confidence honest on them is kept, and the final model learns from all.
  const calibration: CorpusDocument[] = real.documents.filter((doc) => createHash('sha256').update(doc.name).digest()[0] < 64);
  const draft = new OfflineModel(
    trainModel(
      corpus.filter((doc) => !calibration.includes(doc)),
      labels,
    ),
  );
  const { temperature, nll, plainNll } = fitTemperature(draft, calibration);
  console.log(
    `temperature ${temperature} fitted on ${calibration.length} held-out documents: ` +
      `negative log-likelihood ${plainNll.toFixed(3)} at 1, ${nll.toFixed(3)} at ${temperature}`,
  );
  const model = trainModel(corpus, labels, trainingSettings, temperature);
  writeFileSync(DEFAULT_MODEL_PATH, serializeModel(model));

  const trained = new OfflineModel(model);
  const correct = corpus.filter((example) => trained.probabilities(example.document)[0].label === example.label).length;
  console.log(
    `\ntrained on ${corpus.length} documents in ${Math.round(performance.now() - startedAt)} ms: ` +
      `${model.vocabulary.length} features, version ${model.version}, training accuracy ${((correct / corpus.length) * 100).toFixed(1)}%`,
  );
  console.log(`wrote ${DEFAULT_MODEL_PATH} (${(statSync(DEFAULT_MODEL_PATH).size / 1024).toFixed(0)} KiB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
