import type { Dataset } from "./dataset";
import { Generator, defaultGenerator } from "../random";
import { permutation } from "./rows";

/** Options of `Dataset.batches`. */
export interface BatchOptions {
  /** A new random order on every pass (default false: rows in order). */
  shuffle?: boolean;
  /** Seed of the shuffling; without it the global generator is used (see `manualSeed`). */
  seed?: number;
}

/**
 * The mini-batches of a Dataset, re-iterable like a PyTorch `DataLoader`: every `for … of`
 * is one pass (an epoch) over all rows, in a new order when shuffling.
 */
export class Batches implements Iterable<Dataset> {
  private readonly generator: Generator | null;

  constructor(readonly dataset: Dataset, readonly size: number, readonly options: BatchOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`Dataset.batches: size must be a whole number ≥ 1, got ${size}`);
    this.generator = options.seed === undefined ? null : new Generator(options.seed);
  }

  /** Number of batches in one pass: ⌈rows / size⌉. */
  get length(): number {
    return Math.ceil(this.dataset.length / this.size);
  }

  *[Symbol.iterator](): Iterator<Dataset> {
    const n = this.dataset.length;
    if (this.size >= n && !this.options.shuffle) {
      yield this.dataset; // one batch of everything, in order: no copy needed
      return;
    }
    let order: ArrayLike<number> & { subarray(a: number, b: number): Int32Array };
    if (this.options.shuffle) order = permutation(n, this.generator ?? defaultGenerator());
    else order = Int32Array.from({ length: n }, (_, i) => i);
    for (let start = 0; start < n; start += this.size) yield this.dataset.subset(order.subarray(start, Math.min(n, start + this.size)));
  }
}
