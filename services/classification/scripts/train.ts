/* Trains the offline classifier from eval/train/<type>/*.txt and the real documents of eval/real's train split, calibrates its temperature and `other` threshold; writes model/document-classifier.json. */
import { DEFAULT_DOCUMENT_TYPES } from '@docpipe/contracts';
import { createHash } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { DEFAULT_MODEL_PATH } from '../src/adapters/offline.classifier';
import { fitTemperature } from '../src/model/calibration';
import { serializeModel } from '../src/model/model-file';
import { OfflineModel } from '../src/model/offline-model';
import { trainingSettings, trainModel } from '../src/model/train';
import { loadCorpus, TRAINING_DIR } from './corpus';
import { loadRealCorpus } from './real-corpus';
import { bestThreshold, fitThreshold } from './threshold';

const CALIBRATION_FOLDS = 4;

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
  // Calibration out of source: each draft model leaves a quarter of the real sources (by a hash of the repository)
  // out, and the temperature that makes the drafts honest on sources they never saw is kept; the final model
  // learns from all. Documents of a source the model learned from call for far more confidence than documents
  // from elsewhere deserve (fitted on those, the temperature hit the grid's floor, 0.05).
  const foldOf = (source: string) => createHash('sha256').update(source).digest()[0] % CALIBRATION_FOLDS;
  const drafts = Array.from({ length: CALIBRATION_FOLDS }, (_, fold) => {
    const left = real.documents.filter((doc) => foldOf(doc.source) === fold);
    const kept = corpus.filter((doc) => !left.includes(doc as (typeof left)[number]));
    const sourcesOf = (label: string) =>
      new Set(real.documents.filter((doc) => !left.includes(doc) && doc.label === label).map((doc) => doc.source)).size;
    const model = new OfflineModel(trainModel(kept, labels));
    // The case to calibrate: a new source of a type the model knows from several real sources, as the final model
    // knows almost every type. A draft that lost a type's only real source (37 of its 38 reports) is far less sure
    // and right than the final model, and fitted on it the temperature left the final model underconfident.
    // The threshold needs the unsure cases too: every type the draft knows from real documents at all.
    return {
      model,
      heldOut: left.filter((doc) => sourcesOf(doc.label) >= 2),
      unseen: left.filter((doc) => sourcesOf(doc.label) >= 1),
    };
  });
  const { temperature, nll, plainNll } = fitTemperature(drafts);
  console.log(
    `temperature ${temperature} fitted on ${drafts.map((draft) => draft.heldOut.length).join(' + ')} documents of sources left out of ` +
      `${CALIBRATION_FOLDS} draft models: negative log-likelihood ${plainNll.toFixed(3)} at 1, ${nll.toFixed(3)} at ${temperature}`,
  );
  const sweep = fitThreshold(
    drafts.flatMap(({ model, unseen }) =>
      unseen.map((doc) => ({ expected: doc.label, best: model.probabilitiesOf(model.vector(doc.document), temperature)[0] })),
    ),
    labels,
  );
  const threshold = bestThreshold(sweep, trainingSettings.threshold);
  console.log(
    `threshold ${threshold}, macro-F1 of the drafts on sources they never saw: ` +
      sweep.map((point) => `${point.threshold} → ${point.macroF1.toFixed(3)}`).join(', '),
  );
  console.log(`drafts done at ${Math.round(performance.now() - startedAt)} ms`);
  const model = trainModel(corpus, labels, { ...trainingSettings, threshold }, temperature);
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
