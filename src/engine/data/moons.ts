import type { Dataset } from "./dataset";
import { checkOptions } from "../options";
import { type ToyOptions, TOY_KINDS, checkCount, classification, generator, linspace, shuffleTogether } from "./make";

/**
 * Two interleaving half circles in 2-D (scikit-learn's `make_moons`): class 0 is the upper
 * arc (cos t, sin t), class 1 the lower one (1 − cos t, 0.5 − sin t), t from 0 to π.
 * Defaults as scikit-learn: n = 100 (⌊n/2⌋ in class 0), noise = 0 (std of Gaussian noise
 * added to x); shuffled. Binary: x [n, 2], y [n, 1].
 * @example const ds = data.moons({ n: 200, noise: 0.1, seed: 1 });
 */
export function moons(options: ToyOptions = {}): Dataset {
  checkOptions<ToyOptions>("data.moons", options, TOY_KINDS);
  const n = checkCount("data.moons", options.n ?? 100, 2), noise = options.noise ?? 0;
  const g = generator(options.seed), nOut = Math.floor(n / 2), nIn = n - nOut;
  const points: number[] = [], labels: number[] = [];
  for (const t of linspace(0, Math.PI, nOut)) points.push(Math.cos(t), Math.sin(t)), labels.push(0);
  for (const t of linspace(0, Math.PI, nIn)) points.push(1 - Math.cos(t), 1 - Math.sin(t) - 0.5), labels.push(1);
  shuffleTogether(points, 2, labels, g);
  if (noise > 0) for (let i = 0; i < points.length; i++) points[i] += noise * g.normal();
  return classification(points, 2, labels, 2, { name: "moons" });
}
