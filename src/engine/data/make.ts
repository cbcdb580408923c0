// Building toy data sets from plain numbers, with the label layout every generator shares.
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { Generator } from "../random";
import { Dataset, type DatasetInfo } from "./dataset";
import { numberedFeatures } from "./featureNames";
import { permutation } from "./rows";
import type { OptionKind } from "../options";

/** Options shared by the generated data sets. */
export interface ToyOptions {
  /** Number of points. */
  n?: number;
  /** Standard deviation of the Gaussian noise. */
  noise?: number;
  /** Seed of the random numbers: the same seed gives the same data (default 0). */
  seed?: number;
}

export const DEFAULT_SEED = 0;

/** How `checkOptions` checks the shared options; `n` is checked by `checkCount`, with the limits in its message. */
export const TOY_KINDS = { n: "checked", noise: "nonNegative", seed: "integer" } as const satisfies Record<keyof ToyOptions, OptionKind>;

export function generator(seed: number | undefined): Generator {
  return new Generator(seed ?? DEFAULT_SEED);
}

/** The most points a generated data set holds: its plain-number buffers are built before any tensor. */
export const MAX_POINTS = 10_000_000;

export function checkCount(op: string, n: number, min = 1): number {
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${op}: n must be a whole number ≥ ${min}, got ${n}`);
  if (n > MAX_POINTS) {
    throw new RangeError(`${op}: n = ${n.toLocaleString("en-US")} is more than a generated data set holds (at most ${MAX_POINTS.toLocaleString("en-US")} points)`);
  }
  return n;
}

/**
 * A classification set from flat points and class indices. Two classes make a binary
 * set (y [n, 1] of 0/1), more a multiclass one (y [n] of indices).
 */
export function classification(points: ArrayLike<number>, features: number, labels: ArrayLike<number>, classes: number, info: DatasetInfo): Dataset {
  const n = labels.length, x = alloc(n * features), y = alloc(n);
  for (let i = 0; i < x.length; i++) x[i] = points[i];
  for (let i = 0; i < n; i++) y[i] = labels[i];
  const binary = classes === 2;
  return new Dataset(new Tensor(x, [n, features]), new Tensor(y, binary ? [n, 1] : [n]), {
    task: binary ? "binary" : "multiclass",
    classes: Array.from({ length: classes }, (_, i) => String(i)),
    featureNames: numberedFeatures(features),
    ...info,
  });
}

/** A regression set x [n, 1] → y [n, 1]. */
export function regression(xs: ArrayLike<number>, ys: ArrayLike<number>, info: DatasetInfo): Dataset {
  const n = xs.length, x = alloc(n), y = alloc(n);
  for (let i = 0; i < n; i++) (x[i] = xs[i]), (y[i] = ys[i]);
  return new Dataset(new Tensor(x, [n, 1]), new Tensor(y, [n, 1]), { task: "regression", featureNames: numberedFeatures(1), targetName: "y", ...info });
}

/** Shuffle points (rows of `features` numbers) and labels together, in place, as scikit-learn's generators do. */
export function shuffleTogether(points: number[], features: number, labels: number[], g: Generator): void {
  const order = permutation(labels.length, g);
  const p = points.slice(), l = labels.slice();
  for (let i = 0; i < order.length; i++) {
    labels[i] = l[order[i]];
    for (let j = 0; j < features; j++) points[i * features + j] = p[order[i] * features + j];
  }
}

/** `n` evenly spaced values from a to b; the end is included unless `endpoint` is false (numpy.linspace). */
export function linspace(a: number, b: number, n: number, endpoint = true): number[] {
  const div = endpoint ? n - 1 : n;
  return Array.from({ length: n }, (_, i) => (div > 0 ? a + ((b - a) * i) / div : a));
}
