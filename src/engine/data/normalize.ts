import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { ShapeError } from "../shape";

/** Per-feature statistics of a standardisation: x' = (x − mean) / std. */
export interface Normalization {
  /** The mean of each feature over the rows it was fitted on. */
  mean: number[];
  /** The standard deviation of each feature (population, as scikit-learn; 1 where a feature is constant). */
  std: number[];
}

function width(x: Tensor): number {
  return x.shape[0] > 0 ? x.numel() / x.shape[0] : 0;
}

/** Mean and population std of each column of x ([n, features]). */
export function fitNormalization(x: Tensor): Normalization {
  const n = x.shape[0], d = width(x), v = x.data;
  const mean = new Array<number>(d).fill(0), std = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += v[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(n, 1);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) std[j] += (v[i * d + j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(std[j] / Math.max(n, 1));
    std[j] = s > 1e-12 ? s : 1; // a constant feature: leave it centred, not divided by 0
  }
  return { mean, std };
}

/** (x − mean) / std for every row; a new tensor. */
export function applyNormalization(x: Tensor, stats: Normalization, op: string): Tensor {
  const n = x.shape[0], d = width(x), v = x.data, out = alloc(v.length);
  if (stats.mean.length !== d || stats.std.length !== d) {
    throw new ShapeError(`${op}: the statistics are for ${stats.mean.length} features but x has ${d}`);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (v[i * d + j] - stats.mean[j]) / stats.std[j];
  return new Tensor(out, x.shape.slice());
}
