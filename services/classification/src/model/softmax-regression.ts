import type { SparseVector } from './features';

export interface LinearModel {
  /** weights[class][feature] */
  weights: Float64Array[];
  bias: Float64Array;
}

export interface TrainingOptions {
  /** L2 penalty: keeps weights small so probabilities stay honest on unseen wording. */
  l2: number;
  iterations: number;
  learningRate: number;
  momentum: number;
}

/** Class probabilities: softmax of the linear scores divided by the temperature (above 1 tempers overconfidence). */
export function predict(model: LinearModel, x: SparseVector, temperature = 1): number[] {
  const scores = Array.from(model.bias, (bias, c) => {
    let score = bias;
    const row = model.weights[c];
    for (let k = 0; k < x.indices.length; k++) score += row[x.indices[k]] * x.values[k];
    return score;
  });
  const max = Math.max(...scores);
  const exps = scores.map((score) => Math.exp((score - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}

/**
 * Multinomial logistic regression by full-batch gradient descent with Nesterov momentum, from zero
 * weights and in a fixed order: the same data gives the same model, bit for bit.
 */
export function trainSoftmax(
  examples: readonly SparseVector[],
  labels: readonly number[],
  dimensions: { classes: number; features: number },
  options: TrainingOptions,
  /** Each example's weight within its type (1 when left out): see sourceBalancedWeights. */
  sampleWeights?: readonly number[],
): LinearModel {
  const { classes, features } = dimensions;
  const zeros = (): LinearModel => ({
    weights: Array.from({ length: classes }, () => new Float64Array(features)),
    bias: new Float64Array(classes),
  });
  const [model, velocity, gradient, lookahead] = [zeros(), zeros(), zeros(), zeros()];
  const n = examples.length;
  // Balanced: every type weighs as much in the loss as any other, however few examples it has (6 workbooks
  // beside 105 receipts), so a rare type is not the price of fitting a common one.
  const perClass = Array.from({ length: classes }, (_, c) => labels.filter((label) => label === c).length);
  const present = perClass.filter(Boolean).length;
  const weightOf = perClass.map((count) => (count ? n / (present * count) : 0));

  for (let iteration = 0; iteration < options.iterations; iteration++) {
    for (let c = 0; c < classes; c++) {
      for (let f = 0; f < features; f++) lookahead.weights[c][f] = model.weights[c][f] + options.momentum * velocity.weights[c][f];
      lookahead.bias[c] = model.bias[c] + options.momentum * velocity.bias[c];
      for (let f = 0; f < features; f++) gradient.weights[c][f] = options.l2 * lookahead.weights[c][f];
      gradient.bias[c] = 0;
    }
    for (let i = 0; i < n; i++) {
      const x = examples[i];
      const p = predict(lookahead, x);
      for (let c = 0; c < classes; c++) {
        const error = ((p[c] - (labels[i] === c ? 1 : 0)) * weightOf[labels[i]] * (sampleWeights?.[i] ?? 1)) / n;
        gradient.bias[c] += error;
        const row = gradient.weights[c];
        for (let k = 0; k < x.indices.length; k++) row[x.indices[k]] += error * x.values[k];
      }
    }
    for (let c = 0; c < classes; c++) {
      for (let f = 0; f < features; f++) {
        velocity.weights[c][f] = options.momentum * velocity.weights[c][f] - options.learningRate * gradient.weights[c][f];
        model.weights[c][f] += velocity.weights[c][f];
      }
      velocity.bias[c] = options.momentum * velocity.bias[c] - options.learningRate * gradient.bias[c];
      model.bias[c] += velocity.bias[c];
    }
  }
  return model;
}
