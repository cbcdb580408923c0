import { Tensor } from "../tensor";
import { tensor, type TensorLike } from "../creation";
import { ShapeError, fmt } from "../shape";
import { Generator } from "../random";
import { takeRows, permutation } from "./rows";
import { Batches, type BatchOptions } from "./batches";
import { fitNormalization, applyNormalization, type Normalization } from "./normalize";

/**
 * What the labels mean, which decides their layout:
 * - `"binary"`: `y` is [n, 1] of 0/1, for `nn.BCELoss` / `nn.BCEWithLogitsLoss`;
 * - `"multiclass"`: `y` is [n] of class indices 0..k−1 stored as floats, for `nn.CrossEntropyLoss`;
 * - `"regression"`: `y` is [n, 1] of real numbers, for `nn.MSELoss`.
 */
export type Task = "binary" | "multiclass" | "regression";

/** Optional facts about a data set; what is left out is inferred from `y`. */
export interface DatasetInfo {
  /** What the labels mean; inferred from `y` when left out (see `Dataset`). */
  task?: Task;
  /** Class names, class index k ↦ classes[k]; defaults to "0", "1", … */
  classes?: readonly string[];
  /** A name per feature (column of `x`), e.g. from a CSV header. */
  featureNames?: readonly string[];
  /** The name of the label column, when known. */
  targetName?: string;
  /** A short name for the set, e.g. "xor" or "iris". */
  name?: string;
  /** The shape of one row as an image, e.g. [8, 8] for digits (row-major). */
  imageShape?: readonly number[];
  /** Feature statistics from `normalize()`; see `Normalization`. */
  normalization?: Normalization;
}

/** Options of `Dataset.split`. */
export interface SplitOptions {
  /** Seed of the shuffle before splitting (default 0, so the split is the same every run). */
  seed?: number;
}

const DEFAULT_SEED = 0;

/**
 * Inputs `x` (one example per row, [n, features]) and labels `y` (one per row), with what
 * they mean (`task`, `classes`). Like a PyTorch `TensorDataset` with scikit-learn's
 * `train_test_split` and `StandardScaler` built in. `data.xor()`, `data.digits()`,
 * `await data.csv(path)` make them; so does `Dataset(x, y)` with your own tensors or arrays.
 *
 * When `task` is not given it is inferred: y [n, 1] of only 0/1 → "binary"; y [n] of whole
 * numbers ≥ 0 → "multiclass"; y [n, k] one-hot → "multiclass"; anything else → "regression".
 * @example const ds = Dataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]); // Dataset(4 rows, x [4,2], y [4,1])
 */
export class Dataset {
  /** Inputs, one example per row: [n, features] (a 1-D x is read as one feature, [n, 1]). */
  readonly x: Tensor;
  /** Labels, one per row: [n, 1] for binary and regression, [n] of class indices for multiclass. */
  readonly y: Tensor;
  /** "binary", "multiclass" or "regression"; see `Task`. */
  readonly task: Task;
  /** Class names, index k ↦ classes[k] ("0", "1", … unless the source names them); [] for regression. */
  readonly classes: readonly string[];
  /** A name per column of `x`, when known. */
  readonly featureNames?: readonly string[];
  /** The name of the label column, when known. */
  readonly targetName?: string;
  /** A short name for the set, e.g. "xor". */
  readonly name?: string;
  /** The shape of one row as an image ([8, 8] for digits), when rows are images. */
  readonly imageShape?: readonly number[];
  /** The mean and std `normalize()` used, so another set can be scaled the same way. */
  readonly normalization?: Normalization;

  constructor(x: Tensor | TensorLike, y: Tensor | TensorLike, info: DatasetInfo = {}) {
    let xt = x instanceof Tensor ? x : tensor(x);
    const yt = y instanceof Tensor ? y : tensor(y);
    if (xt.ndim === 0 || yt.ndim === 0) throw new ShapeError(`Dataset: x and y need one row per example, got x ${fmt(xt.shape)} and y ${fmt(yt.shape)}`);
    if (xt.ndim === 1) xt = xt.reshape(-1, 1);
    if (xt.shape[0] !== yt.shape[0]) {
      throw new ShapeError(`Dataset: x ${fmt(xt.shape)} has ${xt.shape[0]} rows but y ${fmt(yt.shape)} has ${yt.shape[0]}`);
    }
    this.x = xt;
    this.y = yt;
    this.task = info.task ?? inferTask(yt);
    this.classes = info.classes ?? defaultClasses(this.task, yt);
    if (info.featureNames) this.featureNames = info.featureNames;
    if (info.targetName !== undefined) this.targetName = info.targetName;
    if (info.name !== undefined) this.name = info.name;
    if (info.imageShape) this.imageShape = info.imageShape;
    if (info.normalization) this.normalization = info.normalization;
  }

  /** Number of examples (rows). */
  get length(): number {
    return this.x.shape[0];
  }

  /** Number of features per example (columns of `x`). */
  get features(): number {
    return this.length > 0 ? this.x.numel() / this.length : this.x.shape.slice(1).reduce((a, b) => a * b, 1);
  }

  /** Number of classes (0 for regression). */
  get numClasses(): number {
    return this.classes.length;
  }

  /** The metadata of this set, to build a related one. */
  info(): DatasetInfo {
    const { task, classes, featureNames, targetName, name, imageShape, normalization } = this;
    return { task, classes, featureNames, targetName, name, imageShape, normalization };
  }

  /**
   * The rows at `indices`, in that order, as a new Dataset (copied; metadata kept).
   * @example ds.subset([0, 2, 4])
   */
  subset(indices: ArrayLike<number>): Dataset {
    for (let i = 0; i < indices.length; i++) {
      const r = indices[i];
      if (!Number.isInteger(r) || r < 0 || r >= this.length) throw new RangeError(`Dataset.subset: row ${r} is out of range 0..${this.length - 1}`);
    }
    return new Dataset(takeRows(this.x, indices), takeRows(this.y, indices), this.info());
  }

  /**
   * Shuffle, then cut in two: the first `fraction` of the rows (rounded) and the rest
   * (scikit-learn's `train_test_split(train_size=fraction)`). Seeded, 0 by default, so
   * the split is the same on every run.
   * @example const [train, test] = data.digits().split(0.8, { seed: 1 });
   */
  split(fraction: number, options: SplitOptions = {}): [Dataset, Dataset] {
    if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`Dataset.split: fraction must be between 0 and 1 (the share of rows in the first part), got ${fraction}`);
    const order = permutation(this.length, new Generator(options.seed ?? DEFAULT_SEED));
    const k = Math.round(fraction * this.length);
    return [this.subset(order.subarray(0, k)), this.subset(order.subarray(k))];
  }

  /**
   * The same rows in a random order, as a new Dataset. Seeded (0 by default), so
   * `shuffle(1)` is the same order every run.
   * @example const mixed = data.spiral().shuffle(42);
   */
  shuffle(seed = DEFAULT_SEED): Dataset {
    return this.subset(permutation(this.length, new Generator(seed)));
  }

  /**
   * Mini-batches of `size` rows (the last may be smaller), like a PyTorch `DataLoader`.
   * Each is a Dataset with `x` and `y`. Iterate it once per epoch; with `shuffle` each pass
   * has a new order, drawn from `seed` when given, else from the global generator (`manualSeed`).
   * @example for (const { x, y } of train.batches(32, { shuffle: true, seed: 1 })) { … }
   */
  batches(size: number, options: BatchOptions = {}): Batches {
    return new Batches(this, size, options);
  }

  /**
   * Standardise every feature to mean 0, std 1: x' = (x − mean) / std (scikit-learn's
   * `StandardScaler`; population std, and a constant feature keeps std 1). Returns a new
   * Dataset that remembers the `normalization` it used. Pass the training set (or its
   * statistics) to scale another set the same way, as you must for a test set.
   * @example const train2 = train.normalize(); const test2 = test.normalize(train2);
   */
  normalize(reference?: Dataset | Normalization): Dataset {
    const stats =
      reference === undefined ? fitNormalization(this.x)
      : reference instanceof Dataset ? (reference.normalization ?? fitNormalization(reference.x))
      : reference;
    return new Dataset(applyNormalization(this.x, stats, "Dataset.normalize"), tensor(this.y), { ...this.info(), normalization: stats });
  }

  /** `Dataset(4 rows, x [4,2], y [4,1])`. */
  toString(): string {
    return `Dataset(${this.length} ${this.length === 1 ? "row" : "rows"}, x ${fmt(this.x.shape)}, y ${fmt(this.y.shape)})`;
  }

  /** Node's console.log shows the one-line summary too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function isWhole(v: number): boolean {
  return Number.isInteger(v) && v >= 0;
}

function inferTask(y: Tensor): Task {
  const v = y.data;
  if (y.ndim === 2 && y.shape[1] === 1 && v.every((t) => t === 0 || t === 1)) return "binary";
  if (y.ndim === 1 && v.every(isWhole)) return "multiclass";
  if (y.ndim === 2 && y.shape[1] > 1 && isOneHot(y)) return "multiclass";
  return "regression";
}

function isOneHot(y: Tensor): boolean {
  const [n, k] = y.shape;
  for (let i = 0; i < n; i++) {
    let ones = 0;
    for (let j = 0; j < k; j++) {
      const t = y.data[i * k + j];
      if (t === 1) ones++;
      else if (t !== 0) return false;
    }
    if (ones !== 1) return false;
  }
  return true;
}

function defaultClasses(task: Task, y: Tensor): string[] {
  if (task === "regression") return [];
  if (task === "binary") return ["0", "1"];
  const k = y.ndim === 2 && y.shape[1] > 1 ? y.shape[1] : y.data.reduce((m, t) => Math.max(m, t + 1), 0);
  return Array.from({ length: k }, (_, i) => String(i));
}
