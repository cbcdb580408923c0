import type { Dataset } from "./dataset";
import { checkOptions } from "../options";
import { type ToyOptions, TOY_KINDS, checkCount, classification, generator, linspace, shuffleTogether } from "./make";

/** Options of `data.circles`. */
export interface CirclesOptions extends ToyOptions {
  /** Radius of the inner circle relative to the outer one (radius 1), between 0 and 1 (default 0.8). */
  factor?: number;
}

/**
 * Two concentric circles in 2-D (scikit-learn's `make_circles`): the outer one (radius 1)
 * is class 0, the inner one (radius `factor`) class 1. Not linearly separable. Defaults as
 * scikit-learn: n = 100 (⌊n/2⌋ outer), noise = 0 (std of Gaussian noise added to x), factor = 0.8;
 * shuffled. Binary: x [n, 2], y [n, 1].
 * @example const ds = data.circles({ n: 200, noise: 0.05, factor: 0.5, seed: 1 });
 */
export function circles(options: CirclesOptions = {}): Dataset {
  checkOptions<CirclesOptions>("data.circles", options, { ...TOY_KINDS, factor: "checked" });
  const n = checkCount("data.circles", options.n ?? 100, 2), noise = options.noise ?? 0, factor = options.factor ?? 0.8;
  if (!(factor >= 0 && factor < 1)) throw new RangeError(`data.circles: factor must be in [0, 1), got ${factor}`);
  const g = generator(options.seed), nOut = Math.floor(n / 2), nIn = n - nOut;
  const points: number[] = [], labels: number[] = [];
  for (const t of linspace(0, 2 * Math.PI, nOut, false)) points.push(Math.cos(t), Math.sin(t)), labels.push(0);
  for (const t of linspace(0, 2 * Math.PI, nIn, false)) points.push(factor * Math.cos(t), factor * Math.sin(t)), labels.push(1);
  shuffleTogether(points, 2, labels, g);
  if (noise > 0) for (let i = 0; i < points.length; i++) points[i] += noise * g.normal();
  return classification(points, 2, labels, 2, { name: "circles" });
}
