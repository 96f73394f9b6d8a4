import { OTHER_DOCUMENT_TYPE } from '@docpipe/contracts';

export interface RankedPrediction {
  expected: string;
  /** The most likely type and its (calibrated) probability. */
  best: { label: string; probability: number };
}

/** Candidate thresholds: from trusting every answer to demanding an even chance. */
const CANDIDATES = [0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

/**
 * The `other` threshold (below it, the answer is `other`) that gives the best macro-F1 on documents of sources the
 * draft models never saw: too low and a document of no known type gets the nearest one; too high and real
 * invoices of an unfamiliar issuer become `other`.
 */
export function fitThreshold(predictions: readonly RankedPrediction[]): { threshold: number; macroF1: number }[] {
  return CANDIDATES.map((threshold) => ({
    threshold,
    macroF1: macroF1(
      predictions.map(({ expected, best }) => ({
        expected,
        predicted: best.probability < threshold ? OTHER_DOCUMENT_TYPE : best.label,
      })),
    ),
  }));
}

/**
 * The fitted threshold only where it beats the current one by a margin: on a flat sweep (0.524 to 0.529 on the
 * drafts) the winner is noise, and a higher threshold costs known-type documents typed `other`.
 */
export function bestThreshold(sweep: readonly { threshold: number; macroF1: number }[], current: number, margin = 0.01): number {
  const best = sweep.reduce((found, next) => (next.macroF1 > found.macroF1 + 1e-9 ? next : found));
  const now = sweep.find((point) => point.threshold === current)?.macroF1 ?? 0;
  return best.macroF1 - now >= margin ? best.threshold : current;
}

/** Unweighted mean F1 over the types that occur (expected or predicted). */
export function macroF1(outcomes: readonly { expected: string; predicted: string }[]): number {
  const labels = [...new Set(outcomes.flatMap(({ expected, predicted }) => [expected, predicted]))];
  const f1s = labels.map((label) => {
    const tp = outcomes.filter((o) => o.expected === label && o.predicted === label).length;
    const fp = outcomes.filter((o) => o.expected !== label && o.predicted === label).length;
    const fn = outcomes.filter((o) => o.expected === label && o.predicted !== label).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1s.reduce((a, b) => a + b, 0) / Math.max(f1s.length, 1);
}
