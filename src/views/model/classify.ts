// What a classifier predicts for its rows, read from its output the way `train` counts accuracy: one
// column is class 1 from probability 0.5 (logit 0); several columns are the argmax.
import { Dataset, nn, type Tensor } from "../../engine";
import { endsInProbability, inputSize, predict } from "./predict";

export interface Classified {
  /** The predicted class per row. */
  predicted: Int32Array;
  /** Per row: the probability of class 1 (one output column), else of the predicted class. */
  probability: Float32Array;
  /** How the output was read: as probabilities, or as logits put through a sigmoid or a softmax. */
  output: "probability" | "logits";
}

/**
 * The checks every classifier view makes, each failing with what to do instead: a Dataset of classes, and
 * a model whose input size (when it says) matches the data's features.
 */
export function checkClassifier(fn: string, model: unknown, dataset: unknown): asserts dataset is Dataset {
  checkModelAndData(fn, model, dataset);
  const ds = dataset as Dataset;
  if (ds.task === "regression") throw new TypeError(`${fn} draws classes, and this dataset is a regression (real-valued y): use show.fit for a regression with 1 feature`);
  if (ds.length === 0) throw new RangeError(`${fn}: the dataset has no rows`);
}

export function checkModelAndData(fn: string, model: unknown, dataset: unknown): void {
  if (!(model instanceof nn.Module)) throw new TypeError(`${fn}: the first argument must be a model (an nn.Module such as nn.Sequential(…)), not ${kind(model)}`);
  if (!(dataset instanceof Dataset)) throw new TypeError(`${fn}: the second argument must be a Dataset (e.g. data.moons()), not ${kind(dataset)}`);
  const inputs = inputSize(model);
  if (inputs !== undefined && inputs !== dataset.features) {
    throw new RangeError(`${fn}: the model takes ${inputs} inputs, and this dataset has ${dataset.features} feature${dataset.features === 1 ? "" : "s"}; train a model with nn.Linear(${dataset.features}, …) first`);
  }
}

/** Classifies the rows of `x` with the dataset's classes; the model's output must fit them. */
export function classify(fn: string, model: nn.Module, x: Tensor, ds: Dataset): Classified {
  const { values, cols } = predict(fn, model, x);
  const classes = ds.numClasses;
  if (cols === 1 && ds.task !== "binary") throw new RangeError(`${fn}: the model gives 1 output per row, and this dataset has ${classes} classes; end the model with nn.Linear(…, ${classes})`);
  if (cols > 1 && cols !== classes) throw new RangeError(`${fn}: the model gives ${cols} outputs per row, and this dataset has ${classes} classes; they must match`);
  const n = x.shape[0];
  const predicted = new Int32Array(n), probability = new Float32Array(n);
  const output = endsInProbability(model) || (!isSequential(model) && withinZeroOne(values, cols)) ? "probability" : "logits";
  for (let i = 0; i < n; i++) {
    if (cols === 1) {
      const v = values[i];
      const p = output === "probability" ? v : 1 / (1 + Math.exp(-v));
      probability[i] = p;
      predicted[i] = p >= 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < cols; j++) if (values[i * cols + j] > values[i * cols + best]) best = j;
    predicted[i] = best;
    if (output === "probability") probability[i] = values[i * cols + best];
    else {
      // Softmax of the top logit, shifted by the maximum so that large logits do not overflow.
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += Math.exp(values[i * cols + j] - values[i * cols + best]);
      probability[i] = 1 / sum;
    }
  }
  return { predicted, probability, output };
}

/** A module of the user's own may squash its output inside `forward`: probabilities are what lie in [0, 1] (and sum to 1 per row). */
function withinZeroOne(values: Float32Array, cols: number): boolean {
  for (let i = 0; i < values.length; i += cols) {
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const v = values[i + j];
      if (!(v >= 0 && v <= 1)) return false;
      sum += v;
    }
    if (cols > 1 && Math.abs(sum - 1) > 1e-3) return false;
  }
  return true;
}

function isSequential(model: nn.Module): boolean {
  return model.describe().kind === "Sequential";
}

export function kind(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return `a ${(v as object).constructor?.name ?? "value"}`;
  return `the ${typeof v} ${typeof v === "string" ? JSON.stringify(v) : String(v)}`;
}
