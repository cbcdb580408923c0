// Snapshots for the inspection views: weights, gradient sizes and activation summaries.
import { Tensor } from "../tensor";
import { noGrad } from "../autograd";
import type { Module } from "../nn/module";
import { Sequential } from "../nn/sequential";
import { takeRows } from "../data/rows";

/** What `train` records, and how often; see `TrainOptions.record`. */
export interface RecordOptions {
  /** Record every this many epochs (default: ⌈epochs / 100⌉, so at most about 100 snapshots). The first and last epoch are always recorded. */
  every?: number;
  /** Keep a copy of every parameter (default true). */
  weights?: boolean;
  /** Keep mean |g| and max |g| of every parameter's gradient (default true). */
  gradients?: boolean;
  /**
   * Keep a summary of each layer's output (default true; Sequential models only), computed on a
   * fixed sample of the training rows: at most 256 and at most 5% of the rows trained between two
   * snapshots (but at least 32), so recording stays a small share of the work.
   */
  activations?: boolean;
}

/** A copy of one parameter at a recorded epoch. */
export interface WeightSnapshot {
  /** Dotted name, as `namedParameters()`: "0.weight". */
  name: string;
  shape: number[];
  data: Float32Array;
}

/** How large one parameter's gradient was: mean |∂L/∂w| and max |∂L/∂w| over its elements. */
export interface GradientStats {
  name: string;
  meanAbs: number;
  maxAbs: number;
}

/** A summary of one layer's output on the recorded sample. */
export interface ActivationStats {
  /** The layer's name in the Sequential ("0", "1", …). */
  layer: string;
  /** The layer's class, e.g. "ReLU". */
  type: string;
  /** Output shape on the sample, e.g. [256, 16]. */
  shape: number[];
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Share of outputs exactly 0 (ReLU units that are off). */
  zeros: number;
  /** Share of units (columns) that are 0 on every sample row: dead ReLUs. */
  deadUnits: number;
  /** Sigmoid: share of outputs below 0.01 or above 0.99; Tanh: share with |a| > 0.99; null for other layers. */
  saturated: number | null;
  /** 20 equal bins from min to max. */
  histogram: { min: number; max: number; counts: number[] };
}

/**
 * What was recorded after an epoch. `epoch` 0 is the state before training (weights and
 * activations only). `gradients` are those of the epoch's last step, taken right after
 * `backward()` and before `clipNorm` (after it, on an epoch cut short by the stop button).
 */
export interface Snapshot {
  epoch: number;
  weights?: WeightSnapshot[];
  gradients?: GradientStats[];
  activations?: ActivationStats[];
}

/** A Snapshot with plain arrays instead of typed ones. */
export type SnapshotJSON = Omit<Snapshot, "weights"> & { weights?: { name: string; shape: number[]; data: number[] }[] };

export const SAMPLE_ROWS = 256;
const MIN_SAMPLE_ROWS = 32;
const BINS = 20;

export function copyWeights(model: Module): WeightSnapshot[] {
  return model.namedParameters().map(([name, p]) => ({ name, shape: p.shape.slice(), data: Float32Array.from(p.data) }));
}

export function gradientStats(model: Module): GradientStats[] {
  return model.namedParameters().map(([name, p]) => {
    let sum = 0, max = 0;
    const g = p.grad?.data;
    if (g) for (let i = 0; i < g.length; i++) {
      const a = Math.abs(g[i]);
      sum += a;
      if (a > max) max = a;
    }
    return { name, meanAbs: g && g.length > 0 ? sum / g.length : 0, maxAbs: max };
  });
}

/**
 * The fixed rows activations are recorded on: at most 256, and at most 5% of the rows trained
 * between two snapshots (but at least 32), so that recording stays a small share of the work.
 * Spread evenly over x (every k-th row), so data ordered by class is covered.
 */
export function sampleRows(x: Tensor, every: number): Tensor {
  const n = x.shape[0], budget = Math.max(MIN_SAMPLE_ROWS, Math.floor(0.05 * every * n));
  const m = Math.min(n, SAMPLE_ROWS, budget);
  return takeRows(x, Array.from({ length: m }, (_, i) => Math.floor((i * n) / m)));
}

/** Each top-level layer's output on `sample`, in eval mode and without a graph; undefined unless the model is a Sequential. */
export function activationStats(model: Module, sample: Tensor): ActivationStats[] | undefined {
  if (!(model instanceof Sequential)) return undefined;
  const modes = model.namedModules().map(([, m]) => m.training);
  model.eval();
  try {
    return noGrad(() => {
      const out: ActivationStats[] = [];
      let x = sample;
      for (const [layer, m] of model.namedChildren()) {
        x = m.forward(x);
        out.push(summarise(layer, m, x));
      }
      return out;
    });
  } finally {
    model.namedModules().forEach(([, m], i) => (m.training = modes[i]));
  }
}

function summarise(layer: string, m: Module, a: Tensor): ActivationStats {
  const v = a.data, n = v.length;
  let sum = 0, min = Infinity, max = -Infinity, zeros = 0, saturated = 0;
  const info = m.describe();
  const sigmoid = info.activation === "sigmoid", tanh = info.activation === "tanh";
  for (let i = 0; i < n; i++) {
    const t = v[i];
    sum += t;
    if (t < min) min = t;
    if (t > max) max = t;
    if (t === 0) zeros++;
  }
  if (sigmoid) for (let i = 0; i < n; i++) saturated += v[i] < 0.01 || v[i] > 0.99 ? 1 : 0;
  else if (tanh) for (let i = 0; i < n; i++) saturated += Math.abs(v[i]) > 0.99 ? 1 : 0;
  const mean = n > 0 ? sum / n : 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = v[i] - mean;
    sq += d * d;
  }
  const rows = a.shape[0] ?? 1, units = rows > 0 ? n / rows : 0;
  let dead = 0;
  for (let j = 0; j < units; j++) {
    let r = 0;
    while (r < rows && v[r * units + j] === 0) r++;
    if (r === rows) dead++;
  }
  const bins = new Int32Array(BINS), width = (max - min) / BINS;
  if (width > 0) for (let i = 0; i < n; i++) bins[Math.min(BINS - 1, Math.floor((v[i] - min) / width))]++;
  else bins[0] = n;
  const counts = Array.from(bins);
  return {
    layer,
    type: info.kind,
    shape: a.shape.slice(),
    mean,
    std: n > 0 ? Math.sqrt(sq / n) : 0,
    min: n > 0 ? min : 0,
    max: n > 0 ? max : 0,
    zeros: n > 0 ? zeros / n : 0,
    deadUnits: units > 0 ? dead / units : 0,
    saturated: sigmoid || tanh ? (n > 0 ? saturated / n : 0) : null,
    histogram: { min: n > 0 ? min : 0, max: n > 0 ? max : 0, counts },
  };
}

export function snapshotToJSON(s: Snapshot): SnapshotJSON {
  const out: SnapshotJSON = { ...s, weights: undefined };
  if (s.weights) out.weights = s.weights.map((w) => ({ name: w.name, shape: w.shape, data: Array.from(w.data) }));
  else delete out.weights;
  return out;
}
