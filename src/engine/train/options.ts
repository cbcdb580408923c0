// The options of `train`, and how the ones left out are filled in.
import type { Tensor } from "../tensor";
import type { Module } from "../nn/module";
import { Sequential } from "../nn/sequential";
import { Sigmoid } from "../nn/activation";
import { BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, MSELoss } from "../nn/loss";
import { Adam } from "../optim/adam";
import type { ReduceLROnPlateau } from "../optim/plateau";
import type { Dataset, Task } from "../data/dataset";
import { METRICS, type MetricName } from "./metrics";
import type { RecordOptions } from "./record";

/** A loss: a loss module such as `nn.MSELoss()` (modules are callable), or a function (pred, target) → scalar tensor. */
export type LossFunction = (pred: Tensor, target: Tensor) => Tensor;

/** What `train` needs of an optimizer: `optim.SGD`, `optim.Adam`, … */
export interface OptimizerLike {
  lr: number;
  step(): void;
  zeroGrad(): void;
}

/** Options of `train`. Everything is optional; see each for its default. */
export interface TrainOptions {
  /**
   * The loss to minimise. Default by task: `nn.CrossEntropyLoss()` for multiclass; for binary
   * `nn.BCELoss()` when the model is a Sequential ending in `nn.Sigmoid()`, else
   * `nn.BCEWithLogitsLoss()`; `nn.MSELoss()` for regression.
   */
  loss?: LossFunction;
  /** The optimizer, made on `model.parameters()`. Default: `optim.Adam(model.parameters(), { lr: 0.01 })`. */
  optimizer?: OptimizerLike;
  /** Passes over the training set (default 100). */
  epochs?: number;
  /** Rows per step: default all of them (full-batch gradient descent) up to 1,024 rows, else 32. Batches are reshuffled every epoch. */
  batchSize?: number;
  /**
   * A Dataset to evaluate after each epoch, or a fraction of the data (e.g. 0.2) to split off for it with
   * `dataset.split`, using `seed`: per class for classification, so every class is in both parts.
   */
  validation?: Dataset | number;
  /** Metrics to report per epoch (default `["accuracy"]` for classification, none for regression); see `MetricName`. */
  metrics?: MetricName[];
  /**
   * A learning-rate schedule (`optim.StepLR`, …), stepped once after every epoch; `optim.ReduceLROnPlateau` is stepped
   * with the validation loss (the training loss when there is no validation).
   */
  scheduler?: { step(): void } | ReduceLROnPlateau;
  /** Clip the gradient norm to this before each step (`nn.clipGradNorm`). */
  clipNorm?: number;
  /** L2 penalty λ: the loss minimised is loss + λ·Σw² over weight matrices (parameters with 2 or more dims, so not biases). */
  l2?: number;
  /**
   * Stop when the monitored loss (validation loss when there is validation, else training
   * loss) has not improved by more than `minDelta` (default 0) for `patience` epochs (default 10).
   * The model is kept as it is at the end, not rolled back; `history.bestEpoch` says which epoch was best.
   */
  earlyStopping?: { patience?: number; minDelta?: number } | boolean;
  /**
   * Seed of the batch shuffling, of the validation split and of everything random in the model while it
   * trains (the masks of `nn.Dropout`): the same seed and the same initial weights give the same numbers.
   * The global generator (`manualSeed`) is left as it was. Default: drawn from the global generator.
   */
  seed?: number;
  /** What to record for the inspection views, or false for nothing (default: all, about 100 snapshots); see `RecordOptions`. */
  record?: RecordOptions | boolean;
  /**
   * What to draw in the cell while training runs, each view updated in place: `true` (the default) the loss
   * curve, `false` nothing, or view names: `["loss", "boundary"]` ("loss", "boundary" for a 2-feature
   * classifier, "fit" for a 1-feature regression, "weights" and "gradients" from the snapshots recorded so
   * far). A name that is not a view, or a view that cannot draw this model and data, is an error before
   * training starts.
   */
  live?: boolean | readonly string[];
}

export interface Recording {
  every: number;
  weights: boolean;
  gradients: boolean;
  activations: boolean;
}

export function defaultLoss(model: Module, task: Task): Module {
  if (task === "multiclass") return new CrossEntropyLoss();
  if (task === "regression") return new MSELoss();
  const layers = model instanceof Sequential ? [...model] : [];
  return layers[layers.length - 1] instanceof Sigmoid ? new BCELoss() : new BCEWithLogitsLoss();
}

export function defaultOptimizer(model: Module): OptimizerLike {
  return new Adam(model.parameters(), { lr: 0.01 });
}

export function resolveMetrics(metrics: MetricName[] | undefined, task: Task): MetricName[] {
  const out = metrics ?? (task === "regression" ? [] : ["accuracy"]);
  for (const m of out) {
    if (!METRICS.includes(m)) throw new Error(`train: unknown metric "${m}"; the metrics are ${METRICS.map((s) => `"${s}"`).join(", ")}`);
  }
  return out;
}

export function resolveRecording(record: RecordOptions | boolean | undefined, epochs: number): Recording | null {
  if (record === false) return null;
  const r = record === true || record === undefined ? {} : record;
  const every = r.every ?? Math.max(1, Math.ceil(epochs / 100));
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`train: record.every must be a whole number ≥ 1, got ${every}`);
  return { every, weights: r.weights ?? true, gradients: r.gradients ?? true, activations: r.activations ?? true };
}

export function resolveEarlyStopping(e: TrainOptions["earlyStopping"]): { patience: number; minDelta: number } | null {
  if (!e) return null;
  const { patience = 10, minDelta = 0 } = e === true ? {} : e;
  if (!Number.isInteger(patience) || patience < 1) throw new RangeError(`train: earlyStopping.patience must be a whole number ≥ 1, got ${patience}`);
  return { patience, minDelta };
}

export function wholeNumber(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`train: ${name} must be a whole number ≥ ${min}, got ${v}`);
  return v;
}
