import { Tensor } from "../tensor";
import { tensor, type TensorLike } from "../creation";
import { ShapeError, fmt } from "../shape";
import { Generator } from "../random";
import { checkOptions, describe } from "../options";
import { takeRows, permutation, rowAt, catRows, stackRows } from "./rows";
import { Batches, type BatchOptions } from "./batches";
import { plainSplit, stratifiedSplit, classIndices } from "./split";
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
  /**
   * Split every class in the same proportion (default true for "binary" and "multiclass", so a small
   * class is not left out of the test set by chance); false for a plain random cut. Regression sets have
   * no classes: for them it is always a plain cut, and `stratify: true` is an error.
   */
  stratify?: boolean;
}

/**
 * A row-wise transform for `Dataset.map`: gets one example's `x` ([features…]) and `y` (its label row)
 * as tensors, and its row index, and returns the new `[x, y]` (tensors or plain numbers and arrays).
 */
export type RowTransform = (x: Tensor, y: Tensor, index: number) => readonly [Tensor | TensorLike, Tensor | TensorLike];

const INFO_KINDS = {
  task: ["binary", "multiclass", "regression"],
  classes: "strings",
  featureNames: "strings",
  targetName: "string",
  name: "string",
  imageShape: "numbers",
  normalization: "checked",
} as const;

const DEFAULT_SEED = 0;

/**
 * Inputs `x` (one example per row, [n, features]) and labels `y` (one per row), with what
 * they mean (`task`, `classes`). Like a PyTorch `TensorDataset` with scikit-learn's
 * `train_test_split` and `StandardScaler` built in. `data.xor()`, `data.digits()`,
 * `await data.csv(path)` make them; so does `Dataset(x, y)` with your own tensors or arrays.
 *
 * When `task` is not given it is inferred: y [n, 1] of only 0/1 → "binary"; y [n] of whole
 * numbers ≥ 0 → "multiclass"; y [n, k] one-hot → "multiclass"; anything else → "regression".
 *
 * A Dataset is iterable, one example at a time, as PyTorch's `TensorDataset`: `for (const [x, y] of ds)`
 * gives row i's `x` ([features…]) and `y` (its label row: [1] for binary, [] for a class index).
 * @example const ds = Dataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]); // Dataset(4 rows, x [4,2], y [4,1])
 * @example for (const [x, y] of data.xor()) console.log(x.toArray(), y.item()); // [0, 0] 0, [0, 1] 1, …
 */
export class Dataset implements Iterable<[x: Tensor, y: Tensor]> {
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

  /**
   * `x`: a tensor or nested arrays, one example per row ([n, features…]; a flat list is one feature, [n, 1]).
   * `y`: a tensor, a list of class indices ([n]), or nested arrays ([n, 1]), one label per row of `x`.
   * `info`: what the labels mean and names (`task`, `classes`, `featureNames`, …); see `DatasetInfo`.
   */
  constructor(x: Tensor | TensorLike, y: Tensor | TensorLike, info: DatasetInfo = {}) {
    checkOptions<DatasetInfo>("Dataset", info, INFO_KINDS);
    let xt = x instanceof Tensor ? x : tensor(x);
    const yt = y instanceof Tensor ? y : tensor(y);
    if (xt.ndim === 0 || yt.ndim === 0) throw new ShapeError(`Dataset: x and y need one row per example, got x ${fmt(xt.shape)} and y ${fmt(yt.shape)}`);
    if (xt.ndim === 1) xt = xt.reshape(-1, 1);
    if (xt.shape[0] !== yt.shape[0]) {
      const rows = (n: number): string => `${n} ${n === 1 ? "row" : "rows"}`;
      throw new ShapeError(`Dataset: x ${fmt(xt.shape)} has ${rows(xt.shape[0])} but y ${fmt(yt.shape)} has ${yt.shape[0]}; give one label per row of x`);
    }
    this.x = xt;
    this.y = yt;
    if (info.featureNames && info.featureNames.length !== this.features) {
      throw new ShapeError(`Dataset: ${info.featureNames.length} featureNames for the ${this.features} features of x ${fmt(xt.shape)}; give one name per column`);
    }
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
   * The rows at `indices` (a list or a 1-D tensor of row numbers), in that order, as a new Dataset
   * (copied; metadata kept). PyTorch's `torch.utils.data.Subset(ds, indices)`.
   * @example ds.subset([0, 2, 4]) // rows 0, 2 and 4
   */
  subset(indices: ArrayLike<number> | Tensor): Dataset {
    if (indices instanceof Tensor) indices = indices.data;
    if (indices === null || typeof indices !== "object" || typeof indices.length !== "number") {
      throw new TypeError(`Dataset.subset: indices must be a list of row numbers such as [0, 2, 4], not ${describe(indices)}`);
    }
    for (let i = 0; i < indices.length; i++) {
      const r = indices[i];
      if (!Number.isInteger(r) || r < 0 || r >= this.length) throw new RangeError(`Dataset.subset: row ${r} is out of range 0..${this.length - 1}`);
    }
    return new Dataset(takeRows(this.x, indices), takeRows(this.y, indices), this.info());
  }

  /**
   * Shuffle, then cut in two: `fraction` of the rows (rounded) and the rest, as scikit-learn's
   * `train_test_split(train_size=fraction, stratify=y)` or PyTorch's `random_split(ds, [f, 1 − f])`.
   * A classification set is split per class (stratified: each class gives the first part the same share
   * of its rows) unless `stratify: false`; a regression set is cut plainly. Seeded, 0 by default, so the
   * split is the same on every run. Both parts are in random order and keep the metadata.
   * @example const [train, test] = data.digits().split(0.8, { seed: 1 }); // 1,438 and 359 rows, every digit 80/20
   */
  split(fraction: number, options: SplitOptions = {}): [Dataset, Dataset] {
    const o = checkOptions<SplitOptions>("Dataset.split", options, { seed: "integer", stratify: "boolean" });
    if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`Dataset.split: fraction must be between 0 and 1 (the share of rows in the first part), got ${fraction}`);
    if (o.stratify && this.task === "regression") {
      throw new TypeError("Dataset.split: stratify needs classes, and this set is regression; leave stratify out for a plain random split");
    }
    const g = new Generator(o.seed ?? DEFAULT_SEED);
    let parts: [Int32Array, Int32Array];
    if (this.task === "regression" || o.stratify === false) parts = plainSplit(this.length, fraction, g);
    else {
      const { classOf, classes } = classIndices(this.y);
      parts = stratifiedSplit(classOf, classes, fraction, g);
    }
    return [this.subset(parts[0]), this.subset(parts[1])];
  }

  /**
   * The same rows in a random order, as a new Dataset. Seeded (0 by default), so
   * `shuffle(1)` is the same order every run.
   * @example const mixed = data.spiral().shuffle(42);
   */
  shuffle(seed = DEFAULT_SEED): Dataset {
    checkOptions("Dataset.shuffle", { seed }, { seed: "integer" });
    return this.subset(permutation(this.length, new Generator(seed)));
  }

  /**
   * Mini-batches of `size` rows (the last may be smaller), like a PyTorch `DataLoader(ds, batch_size=size)`.
   * Each is a `Batch`: `[x, y]` as PyTorch's, with `x`, `y` and `length` by name too. Iterate it once per
   * epoch; with `shuffle` each pass has a new order, drawn from `seed` when given, else from the global
   * generator (`manualSeed`).
   * @example for (const [x, y] of train.batches(32, { shuffle: true, seed: 1 })) { … }
   */
  batches(size: number, options: BatchOptions = {}): Batches {
    return new Batches(this, size, options);
  }

  /**
   * This set's rows followed by `other`'s, as a new Dataset (PyTorch's `ConcatDataset([a, b])`).
   * Both need rows of the same shape in `x` and in `y`, and the same task; class names must agree (one
   * list may extend the other). The metadata is this set's.
   * @example const more = data.moons({ seed: 1 }).concat(data.moons({ seed: 2 })); // 200 rows
   */
  concat(other: Dataset): Dataset {
    if (!(other instanceof Dataset)) throw new TypeError(`Dataset.concat: other must be a Dataset (e.g. data.xor()), not ${describe(other)}`);
    for (const k of ["x", "y"] as const) {
      const a = this[k].shape, b = other[k].shape;
      if (fmt(a.slice(1)) !== fmt(b.slice(1))) {
        throw new ShapeError(`Dataset.concat: a row of ${k} ${fmt(a)} is ${fmt(a.slice(1))} but of ${k} ${fmt(b)} it is ${fmt(b.slice(1))}; both sets need rows of the same shape`);
      }
    }
    if (this.task !== other.task) throw new TypeError(`Dataset.concat: this set is ${this.task} and the other ${other.task}; both need the same task`);
    const [short, long] = this.classes.length <= other.classes.length ? [this.classes, other.classes] : [other.classes, this.classes];
    if (short.some((c, i) => c !== long[i])) {
      throw new TypeError(`Dataset.concat: the classes differ: ${JSON.stringify(this.classes)} and ${JSON.stringify(other.classes)}`);
    }
    const info: DatasetInfo = { ...this.info(), classes: long };
    if (JSON.stringify(this.normalization) !== JSON.stringify(other.normalization)) delete info.normalization;
    return new Dataset(catRows(this.x, other.x), catRows(this.y, other.y), info);
  }

  /**
   * A new Dataset made by `fn(x, y, i)` from each row, as a PyTorch `transform`: `fn` gets one
   * example's `x` ([features…]) and `y` (its label row) as tensors and returns the new `[x, y]`.
   * Every row must give the same shapes. The metadata is kept where it still fits: `task` and `classes`
   * when a label row keeps its shape (else they are inferred again), feature names and image shape
   * when an input row keeps its size. The result is plain data, not part of any autograd graph.
   * @example const noisy = ds.map((x, y) => [x.add(randn(x.shape).mul(0.1)), y]); // jitter every input
   * @example const squared = data.line().map((x, y) => [x, y.pow(2)]); // a new target
   */
  map(fn: RowTransform): Dataset {
    checkOptions("Dataset.map", { fn }, { fn: "function" });
    if (this.length === 0) return new Dataset(this.x, this.y, this.info());
    const xs: Tensor[] = [], ys: Tensor[] = [];
    for (let i = 0; i < this.length; i++) {
      const out = fn(rowAt(this.x, i), rowAt(this.y, i), i) as unknown;
      if (!Array.isArray(out) || out.length !== 2) {
        const got = out instanceof Tensor ? `a tensor ${fmt(out.shape)}` : Array.isArray(out) ? `a list of ${out.length}` : describe(out);
        throw new TypeError(`Dataset.map: fn must return [x, y] for each row, e.g. (x, y) => [x.mul(2), y]; row ${i} gave ${got}`);
      }
      const [x, y] = out.map((v: Tensor | TensorLike) => (v instanceof Tensor ? v : tensor(v)));
      for (const [k, t, first] of [["x", x, xs[0]], ["y", y, ys[0]]] as const) {
        if (first && fmt(t.shape) !== fmt(first.shape)) {
          throw new ShapeError(`Dataset.map: row ${i} gave ${k} ${fmt(t.shape)} but row 0 gave ${k} ${fmt(first.shape)}; every row must give the same shapes`);
        }
      }
      xs.push(x);
      ys.push(y);
    }
    const x = stackRows(xs, xs[0].shape), y = stackRows(ys, ys[0].shape), info = this.info();
    if (fmt(y.shape) !== fmt(this.y.shape)) (delete info.task, delete info.classes);
    if (x.numel() !== this.x.numel()) (delete info.featureNames, delete info.imageShape, delete info.normalization);
    return new Dataset(x, y, info);
  }

  /**
   * The same set with every row of `x` as an image for a convolution: x [n, 1, H, W] from `imageShape`
   * [H, W] (or [n, C, H, W] from [C, H, W]), PyTorch's `x.view(n, 1, H, W)` for `nn.Conv2d`. Only for sets
   * whose rows are images, such as `data.digits()`; the data is copied, the metadata kept.
   * @example const images = data.digits().images(); images.x.shape // [1797, 1, 8, 8]
   */
  images(): Dataset {
    const shape = this.imageShape;
    if (!shape) throw new TypeError(`Dataset.images: the rows of this set are not images (it has no imageShape); pass { imageShape: [height, width] } to Dataset(x, y, …) for a set that is`);
    const image = shape.length === 2 ? [1, ...shape] : [...shape], size = image.reduce((a, b) => a * b, 1);
    if (size !== this.features) throw new ShapeError(`Dataset.images: imageShape ${fmt(shape)} holds ${size} pixels but a row of x ${fmt(this.x.shape)} has ${this.features}`);
    return new Dataset(new Tensor(this.x.data.slice(), [this.length, ...image]), this.y, this.info());
  }

  /** One example at a time: `[x, y]` of row 0, 1, … (copies, shapes `x.shape.slice(1)` and `y.shape.slice(1)`). */
  *[Symbol.iterator](): Iterator<[x: Tensor, y: Tensor]> {
    for (let i = 0; i < this.length; i++) yield [rowAt(this.x, i), rowAt(this.y, i)];
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
