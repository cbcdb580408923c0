import type { Dataset } from "./dataset";
import { checkOptions } from "../options";
import { type ToyOptions, TOY_KINDS, checkCount, classification, generator, linspace } from "./make";
import { evenSizes } from "./rows";

/** Options of `data.spiral`. */
export interface SpiralOptions extends ToyOptions {
  /** Number of arms, one class each (default 3). */
  classes?: number;
}

/**
 * Interleaved spiral arms in 2-D, the classic from Stanford's CS231n notes: for class j,
 * radius r from 0 to 1 and angle t from 4j to 4(j + 1) radians plus N(0, noise²), the point
 * (r·sin t, r·cos t). Defaults: classes = 3, n = 100 per class, noise = 0.2 (on the angle).
 * Points come ordered by class. Multiclass: x [n, 2], y [n] of indices (binary, y [n, 1],
 * when classes = 2). A linear model gets about 50%; a small MLP gets it all.
 * @example const ds = data.spiral({ classes: 3 }); // Dataset(300 rows, x [300,2], y [300])
 */
export function spiral(options: SpiralOptions = {}): Dataset {
  checkOptions<SpiralOptions>("data.spiral", options, { ...TOY_KINDS, classes: "checked" });
  const k = options.classes ?? 3;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`data.spiral: classes must be a whole number ≥ 2, got ${k}`);
  const n = checkCount("data.spiral", options.n ?? 100 * k, k), noise = options.noise ?? 0.2, g = generator(options.seed);
  const points: number[] = [], labels: number[] = [];
  evenSizes(n, k).forEach((m, j) => {
    const radii = linspace(0, 1, m), angles = linspace(4 * j, 4 * (j + 1), m);
    for (let i = 0; i < m; i++) {
      const t = angles[i] + noise * g.normal();
      points.push(radii[i] * Math.sin(t), radii[i] * Math.cos(t));
      labels.push(j);
    }
  });
  return classification(points, 2, labels, k, { name: "spiral" });
}
