import { Tensor } from "../tensor";
import { fmt } from "../shape";
import { checkOptions } from "../options";
import type { Dataset } from "./dataset";
import { Generator, defaultGenerator } from "../random";
import { permutation, takeRows } from "./rows";

/** Options of `Dataset.batches`. */
export interface BatchOptions {
  /** A new random order on every pass (default false: rows in order). */
  shuffle?: boolean;
  /** Seed of the shuffling (used with `shuffle: true`); without it the global generator is used (see `manualSeed`). */
  seed?: number;
}

/**
 * One mini-batch: the inputs `x` ([size, features…]) and labels `y` ([size, …]) of `length` rows.
 * It destructures as a pair, like the `[x, y]` list a PyTorch `DataLoader` yields, and also has
 * `x` and `y` by name: `const [x, y] = batch` and `const { x, y } = batch` both work.
 * @example for (const [x, y] of ds.batches(32)) { const loss = lossFn.forward(net.forward(x), y); … }
 */
export class Batch implements Iterable<Tensor> {
  constructor(
    /** Inputs, one example per row. */
    readonly x: Tensor,
    /** Labels, one per row of `x`. */
    readonly y: Tensor,
  ) {}

  /** Number of rows in this batch (the last batch of a pass may be smaller than the others). */
  get length(): number {
    return this.x.shape[0];
  }

  /** `x`, as `batch[0]` in PyTorch. */
  get 0(): Tensor {
    return this.x;
  }

  /** `y`, as `batch[1]` in PyTorch. */
  get 1(): Tensor {
    return this.y;
  }

  /** `x`, then `y`: what `const [x, y] = batch` takes apart. */
  *[Symbol.iterator](): Iterator<Tensor> {
    yield this.x;
    yield this.y;
  }

  /** `Batch(32 rows, x [32,2], y [32,1])`. */
  toString(): string {
    return `Batch(${this.length} ${this.length === 1 ? "row" : "rows"}, x ${fmt(this.x.shape)}, y ${fmt(this.y.shape)})`;
  }

  /** Node's console.log shows the one-line summary too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * The mini-batches of a Dataset, re-iterable like a PyTorch `DataLoader`: every `for … of`
 * is one pass (an epoch) over all rows, in a new order when shuffling. Each item is a `Batch`.
 */
export class Batches implements Iterable<Batch> {
  private readonly generator: Generator | null;

  /** `generator` (not `seed`) is for `train`, which shares one generator between shuffling and dropout. */
  constructor(
    /** The set the batches are cut from. */
    readonly dataset: Dataset,
    /** Rows per batch (the last of a pass may have fewer). */
    readonly size: number,
    /** Whether and how to shuffle; see `BatchOptions`. */
    readonly options: BatchOptions = {},
    generator?: Generator,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`Dataset.batches: size must be a whole number ≥ 1, got ${size}`);
    checkOptions<BatchOptions>("Dataset.batches", options, { shuffle: "boolean", seed: "integer" });
    this.generator = generator ?? (options.seed === undefined ? null : new Generator(options.seed));
  }

  /** Number of batches in one pass: ⌈rows / size⌉. */
  get length(): number {
    return Math.ceil(this.dataset.length / this.size);
  }

  *[Symbol.iterator](): Iterator<Batch> {
    const { x, y } = this.dataset, n = this.dataset.length;
    if (this.size >= n && !this.options.shuffle) {
      yield new Batch(x, y); // one batch of everything, in order: no copy needed
      return;
    }
    let order: Int32Array;
    if (this.options.shuffle) order = permutation(n, this.generator ?? defaultGenerator());
    else order = Int32Array.from({ length: n }, (_, i) => i);
    for (let start = 0; start < n; start += this.size) {
      const rows = order.subarray(start, Math.min(n, start + this.size));
      yield new Batch(takeRows(x, rows), takeRows(y, rows));
    }
  }

  /** `Batches(4 batches of up to 32 rows, shuffled)`. */
  toString(): string {
    const batches = `${this.length} ${this.length === 1 ? "batch" : "batches"}`, rows = `${this.size} ${this.size === 1 ? "row" : "rows"}`;
    return `Batches(${batches} of up to ${rows}${this.options.shuffle ? ", shuffled" : ""})`;
  }

  /** Node's console.log shows the one-line summary too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
