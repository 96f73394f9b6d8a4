import { createHash } from 'node:crypto';
import type { ExtractedText } from '@docpipe/contracts';
import { blockOf, countFeatures, vectorize, type Block } from './features';
import { MODEL_FORMAT, type ModelFile } from './model-file';
import { trainSoftmax, type TrainingOptions } from './softmax-regression';

export interface LabelledDocument {
  label: string;
  document: ExtractedText;
  /** Where it comes from (a repository); documents without one count as one source, ours. */
  source?: string;
}

export interface TrainingSettings extends TrainingOptions {
  /** Most frequent features kept per block: bounds the model file's size. */
  maxFeatures: Record<Exclude<Block, 'structure' | 'media' | 'cue' | 'layout'>, number>;
  /** A feature seen in fewer training documents is noise (a name, a typo). */
  minDocumentFrequency: number;
  blockWeights: Record<Block, number>;
  threshold: number;
}

/**
 * Chosen with the evaluation set (`npm run eval:classify` prints the threshold sweep). `npm run train:classify`
 * replaces the threshold by the one fitted on sources its draft models never saw (threshold.ts).
 */
export const trainingSettings: TrainingSettings = {
  maxFeatures: { word: 3000, char: 4000 },
  minDocumentFrequency: 2,
  blockWeights: { word: 1, char: 1, structure: 0.7, media: 0.7, cue: 0.7, layout: 0.7 },
  l2: 0.0005,
  iterations: 250,
  learningRate: 4,
  momentum: 0.9,
  threshold: 0.3,
};

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits || 0;

/** Trains the offline model from labelled documents; the same documents in the same order give the same file. */
export function trainModel(
  examples: readonly LabelledDocument[],
  labels: readonly string[],
  settings = trainingSettings,
  temperature = 1,
): ModelFile {
  const unknown = examples.find((example) => !labels.includes(example.label));
  if (unknown) throw new Error(`Training document labelled "${unknown.label}", which is not one of ${labels.join(', ')}`);
  const counts = examples.map((example) => countFeatures(example.document));
  const vocabulary = selectVocabulary(counts, settings);
  const index = new Map(vocabulary.map((feature, i) => [feature, i]));
  const idf = vocabulary.map((feature) => {
    const df = counts.filter((document) => document.has(feature)).length;
    return round(Math.log((1 + examples.length) / (1 + df)) + 1);
  });
  const vectors = counts.map((document) => vectorize(document, { index, idf, blockWeights: settings.blockWeights }));
  const linear = trainSoftmax(
    vectors,
    examples.map((example) => labels.indexOf(example.label)),
    { classes: labels.length, features: vocabulary.length },
    settings,
    sourceBalancedWeights(examples),
  );
  const parameters = {
    labels: [...labels],
    threshold: settings.threshold,
    temperature: round(temperature, 2),
    trainingSet: { documents: examples.length, sha256: trainingSetHash(examples) },
    blockWeights: settings.blockWeights,
    vocabulary,
    idf,
    weights: linear.weights.map((row) => Array.from(row, (weight) => round(weight))),
    bias: Array.from(linear.bias, (bias) => round(bias)),
  };
  const version = createHash('sha256').update(JSON.stringify(parameters)).digest('hex').slice(0, 12);
  return { format: MODEL_FORMAT, formatVersion: 1, version, ...parameters };
}

/**
 * Weights that keep one large source from speaking for a whole type (77 of 99 invoices were German e-invoices of
 * one corpus): within a type, each document weighs 1/sqrt(documents of its source), scaled so the type's total
 * weight stays its number of documents. A source of 77 then weighs about 9 single-document sources, not 77.
 */
export function sourceBalancedWeights(examples: readonly LabelledDocument[]): number[] {
  const keyOf = (example: LabelledDocument) => `${example.label}\u0000${example.source ?? ''}`;
  const perSource = new Map<string, number>();
  for (const example of examples) perSource.set(keyOf(example), (perSource.get(keyOf(example)) ?? 0) + 1);
  const raw = examples.map((example) => 1 / Math.sqrt(perSource.get(keyOf(example)) ?? 1));
  const total = new Map<string, { count: number; weight: number }>();
  examples.forEach((example, i) => {
    const sum = total.get(example.label) ?? { count: 0, weight: 0 };
    total.set(example.label, { count: sum.count + 1, weight: sum.weight + raw[i] });
  });
  return examples.map((example, i) => {
    const { count, weight } = total.get(example.label) ?? { count: 1, weight: 1 };
    return (raw[i] * count) / weight;
  });
}

function selectVocabulary(counts: readonly Map<string, number>[], settings: TrainingSettings): string[] {
  const documentFrequency = new Map<string, number>();
  for (const document of counts)
    for (const feature of document.keys()) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  const byFrequency = [...documentFrequency]
    .filter(([feature, df]) => df >= settings.minDocumentFrequency || ['structure', 'media', 'cue', 'layout'].includes(blockOf(feature)))
    .sort(([a, dfA], [b, dfB]) => dfB - dfA || (a < b ? -1 : 1));
  const kept = (block: Block, limit: number) =>
    byFrequency
      .filter(([feature]) => blockOf(feature) === block)
      .slice(0, limit)
      .map(([feature]) => feature);
  return [
    ...kept('word', settings.maxFeatures.word),
    ...kept('char', settings.maxFeatures.char),
    ...kept('structure', Number.MAX_SAFE_INTEGER),
    ...kept('media', Number.MAX_SAFE_INTEGER),
    ...kept('cue', Number.MAX_SAFE_INTEGER),
    ...kept('layout', Number.MAX_SAFE_INTEGER),
  ];
}

function trainingSetHash(examples: readonly LabelledDocument[]): string {
  const hash = createHash('sha256');
  for (const { label, document } of examples) hash.update(`${label}\u0000${document.pages.map((page) => page.text).join('\f')}\u0000`);
  return hash.digest('hex');
}
