import type { Dataset } from "./dataset";
import { checkOptions } from "../options";
import { type ToyOptions, TOY_KINDS, checkCount, generator, regression } from "./make";

/**
 * One period of a sine wave with noise: x uniform in [−π, π], y = sin x + N(0, noise²).
 * Defaults: n = 200, noise = 0.1. Regression: x [n, 1], y [n, 1] — a straight line cannot
 * fit it; an MLP with a hidden layer can.
 * @example const ds = data.sine({ n: 100, noise: 0 });
 */
export function sine(options: ToyOptions = {}): Dataset {
  checkOptions<ToyOptions>("data.sine", options, TOY_KINDS);
  const n = checkCount("data.sine", options.n ?? 200), g = generator(options.seed), noise = options.noise ?? 0.1;
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Math.PI * (2 * g.uniform() - 1);
    xs.push(x);
    ys.push(Math.sin(x) + noise * g.normal());
  }
  return regression(xs, ys, { name: "sine" });
}
