import { OTHER_DOCUMENT_TYPE } from '@docpipe/contracts';
import { measure } from './metrics';

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
export function fitThreshold(
  predictions: readonly RankedPrediction[],
  taxonomy: readonly string[],
): { threshold: number; macroF1: number }[] {
  return CANDIDATES.map((threshold) => ({
    threshold,
    macroF1: measure(
      predictions.map(({ expected, best }) => ({
        expected,
        predicted: best.probability < threshold ? OTHER_DOCUMENT_TYPE : best.label,
      })),
      taxonomy,
    ).macroF1,
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
