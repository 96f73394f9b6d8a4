import type { LabelledDocument } from './train';
import type { OfflineModel } from './offline-model';

/**
 * Temperatures tried: 0.05 to 5 in steps of 10 %. A model trained with strong regularisation is underconfident
 * (the fit hit 0.5, the old grid's floor), an overfitted one overconfident, so the grid reaches far both ways.
 */
const CANDIDATES = Array.from({ length: 49 }, (_, i) => Math.round(0.05 * 1.1 ** i * 1000) / 1000);

/**
 * Temperature scaling (Guo et al., 2017): the one temperature that minimises the negative log-likelihood
 * of documents the model was not trained on. It changes confidences, never which type ranks first.
 * Each draft model brings the documents it was not trained on; their predictions are pooled.
 */
export function fitTemperature(drafts: readonly { model: OfflineModel; heldOut: readonly LabelledDocument[] }[]): {
  temperature: number;
  nll: number;
  plainNll: number;
} {
  const predictions = drafts.flatMap(({ model, heldOut }) =>
    heldOut.map((example) => ({ model, label: example.label, vector: model.vector(example.document) })),
  );
  const nllAt = (temperature: number) =>
    predictions.reduce((sum, { model, label, vector }) => {
      const probability = model.probabilitiesOf(vector, temperature).find((entry) => entry.label === label)?.probability ?? 0;
      return sum - Math.log(Math.max(probability, 1e-12));
    }, 0) / Math.max(predictions.length, 1);
  const best = CANDIDATES.map((temperature) => ({ temperature, nll: nllAt(temperature) })).reduce((found, next) =>
    next.nll < found.nll ? next : found,
  );
  return { ...best, plainNll: nllAt(1) };
}
