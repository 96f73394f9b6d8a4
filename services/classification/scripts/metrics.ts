export interface Outcome {
  expected: string;
  predicted: string;
}

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[expected][predicted] = count, over `labels`. */
  confusion: number[][];
  labels: string[];
}

/** Accuracy, macro-F1 (over every label that is expected or predicted), per-class precision/recall and the confusion matrix. */
export function measure(outcomes: readonly Outcome[], taxonomy: readonly string[]): Metrics {
  const labels = taxonomy.filter((label) => outcomes.some((o) => o.expected === label || o.predicted === label));
  const confusion = labels.map((expected) =>
    labels.map((predicted) => outcomes.filter((o) => o.expected === expected && o.predicted === predicted).length),
  );
  const perClass = labels.map((label, i) => {
    const truePositives = confusion[i][i];
    const predicted = confusion.reduce((sum, row) => sum + row[i], 0);
    const support = confusion[i].reduce((sum, count) => sum + count, 0);
    const precision = predicted ? truePositives / predicted : 0;
    const recall = support ? truePositives / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  return {
    accuracy: outcomes.filter((o) => o.expected === o.predicted).length / Math.max(outcomes.length, 1),
    macroF1: perClass.reduce((sum, c) => sum + c.f1, 0) / Math.max(perClass.length, 1),
    perClass,
    confusion,
    labels,
  };
}

export function formatMetrics(metrics: Metrics): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
  const width = Math.max(...metrics.labels.map((label) => label.length), 8);
  const short = metrics.labels.map((label) => label.slice(0, 5).padStart(6));
  return [
    `accuracy ${pct(metrics.accuracy).trim()}   macro-F1 ${pct(metrics.macroF1).trim()}`,
    '',
    `${'type'.padEnd(width)} precision  recall      F1  support`,
    ...metrics.perClass.map(
      (c) => `${c.label.padEnd(width)}   ${pct(c.precision)} ${pct(c.recall)} ${pct(c.f1)} ${String(c.support).padStart(8)}`,
    ),
    '',
    `confusion (rows: expected, columns: predicted)`,
    `${''.padEnd(width)}${short.join('')}`,
    ...metrics.confusion.map((row, i) => `${metrics.labels[i].padEnd(width)}${row.map((count) => String(count).padStart(6)).join('')}`),
  ].join('\n');
}

export interface Scored extends Outcome {
  confidence: number;
}

/**
 * Expected calibration error: over ten equal-width confidence bins, the gap between the confidence the
 * engine gave and how often it was right, weighted by how many answers fall in each bin.
 */
export function expectedCalibrationError(outcomes: readonly Scored[], bins = 10): number {
  let error = 0;
  for (let bin = 0; bin < bins; bin++) {
    const inside = outcomes.filter((o) => Math.min(Math.floor(o.confidence * bins), bins - 1) === bin);
    if (inside.length === 0) continue;
    const confidence = inside.reduce((sum, o) => sum + o.confidence, 0) / inside.length;
    const accuracy = inside.filter((o) => o.expected === o.predicted).length / inside.length;
    error += (inside.length / outcomes.length) * Math.abs(confidence - accuracy);
  }
  return error;
}

/** Share of documents that belong to a known type but were answered `other`. */
export function otherRate(outcomes: readonly Outcome[], other: string): number {
  const known = outcomes.filter((o) => o.expected !== other);
  return known.filter((o) => o.predicted === other).length / Math.max(known.length, 1);
}
