import type { Dataset } from "./dataset";
import { checkOptions } from "../options";
import { type ToyOptions, TOY_KINDS, checkCount, generator, regression } from "./make";

/** Options of `data.line`. */
export interface LineOptions extends ToyOptions {
  /** The true slope a of y = a·x + b (default 2). */
  slope?: number;
  /** The true intercept b of y = a·x + b (default 1). */
  intercept?: number;
}

/**
 * Points near a straight line: x uniform in [−1, 1], y = slope·x + intercept + N(0, noise²).
 * Defaults: n = 200, slope = 2, intercept = 1, noise = 0.1. Regression: x [n, 1], y [n, 1];
 * `nn.Linear(1, 1)` with `nn.MSELoss()` recovers slope and intercept (scikit-learn's `LinearRegression`).
 * @example const ds = data.line({ slope: 3, intercept: -1, noise: 0.2 });
 */
export function line(options: LineOptions = {}): Dataset {
  checkOptions<LineOptions>("data.line", options, { ...TOY_KINDS, slope: "number", intercept: "number" });
  const n = checkCount("data.line", options.n ?? 200), g = generator(options.seed);
  const a = options.slope ?? 2, b = options.intercept ?? 1, noise = options.noise ?? 0.1;
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = 2 * g.uniform() - 1;
    xs.push(x);
    ys.push(a * x + b + noise * g.normal());
  }
  return regression(xs, ys, { name: "line" });
}
