import type { LabelledDocument } from './train';
import type { OfflineModel } from './offline-model';

/** Temperatures tried; the scale of a softmax's overconfidence on unseen documents rarely leaves this range. */
const CANDIDATES = Array.from({ length: 46 }, (_, i) => 0.5 + i * 0.1);

/**
 * Temperature scaling (Guo et al., 2017): the one temperature that minimises the negative log-likelihood
 * of documents the model was not trained on. It changes confidences, never which type ranks first.
 */
export function fitTemperature(
  model: OfflineModel,
  heldOut: readonly LabelledDocument[],
): { temperature: number; nll: number; plainNll: number } {
  const vectors = heldOut.map((example) => ({ label: example.label, vector: model.vector(example.document) }));
  const nllAt = (temperature: number) =>
    vectors.reduce((sum, { label, vector }) => {
      const probability = model.probabilitiesOf(vector, temperature).find((entry) => entry.label === label)?.probability ?? 0;
      return sum - Math.log(Math.max(probability, 1e-12));
    }, 0) / Math.max(vectors.length, 1);
  const best = CANDIDATES.map((temperature) => ({ temperature, nll: nllAt(temperature) })).reduce((found, next) =>
    next.nll < found.nll ? next : found,
  );
  return { ...best, plainNll: nllAt(1) };
}
