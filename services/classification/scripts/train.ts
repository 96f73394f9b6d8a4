/* Trains the offline classifier from eval/train/<type>/*.txt and the real documents of eval/real's train split; writes model/document-classifier.json. */
import { statSync, writeFileSync } from 'node:fs';
import { DEFAULT_MODEL_PATH } from '../src/adapters/offline.classifier';
import { serializeModel } from '../src/model/model-file';
import { OfflineModel } from '../src/model/offline-model';
import { trainModel } from '../src/model/train';
import { DEFAULT_DOCUMENT_TYPES } from '../src/taxonomy';
import { loadCorpus, TRAINING_DIR } from './corpus';
import { loadRealCorpus } from './real-corpus';

async function main(): Promise<void> {
  const startedAt = performance.now();
  const real = await loadRealCorpus('train');
  if (real.missing.length > 0)
    throw new Error(`No snapshot of ${real.missing.join(', ')}: fetch them with the search tool or set SOURCES_DIR`);
  const corpus = [...loadCorpus(TRAINING_DIR), ...real.documents];
  const labels: string[] = [...DEFAULT_DOCUMENT_TYPES];
  for (const label of labels) {
    const count = corpus.filter((example) => example.label === label).length;
    if (count === 0) throw new Error(`No training documents for "${label}": add some under ${TRAINING_DIR}/${label}/`);
    console.log(`${label.padEnd(18)} ${count} documents`);
  }
  const model = trainModel(corpus, labels);
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
