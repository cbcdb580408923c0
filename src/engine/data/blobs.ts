import type { Dataset } from "./dataset";
import { checkOptions } from "../options";
import { type ToyOptions, TOY_KINDS, checkCount, classification, generator, shuffleTogether } from "./make";
import { evenSizes } from "./rows";

/** Options of `data.blobs`. */
export interface BlobsOptions extends Omit<ToyOptions, "noise"> {
  /** How many clusters (drawn uniformly in `centerBox`), or their coordinates (default 3). */
  centers?: number | number[][];
  /** Number of features when the centers are drawn (default 2). */
  features?: number;
  /** Standard deviation of each cluster, one for all or one per cluster (default 1). */
  clusterStd?: number | number[];
  /** The box [min, max] the random centers are drawn in (default [−10, 10]). */
  centerBox?: [number, number];
}

/**
 * Gaussian clusters, one class each (scikit-learn's `make_blobs`). Defaults as scikit-learn:
 * n = 100 shared evenly, 3 centers drawn uniformly in [−10, 10]², clusterStd = 1; shuffled.
 * Multiclass: x [n, features], y [n] of indices (binary, y [n, 1], with 2 centers).
 * @example const ds = data.blobs({ centers: 4, clusterStd: 1.5, seed: 3 });
 * @example const two = data.blobs({ centers: [[-2, 0], [2, 0]] });
 */
export function blobs(options: BlobsOptions = {}): Dataset {
  const { noise: _, ...kinds } = TOY_KINDS;
  checkOptions<BlobsOptions>("data.blobs", options, { ...kinds, centers: "checked", features: "count", clusterStd: "checked", centerBox: "numbers" });
  const n = checkCount("data.blobs", options.n ?? 100), g = generator(options.seed);
  const [lo, hi] = options.centerBox ?? [-10, 10];
  let centers: number[][];
  if (Array.isArray(options.centers)) centers = options.centers;
  else {
    const k = options.centers ?? 3, d = options.features ?? 2;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`data.blobs: centers must be a whole number ≥ 1 or a list of points, got ${k}`);
    centers = Array.from({ length: k }, () => Array.from({ length: d }, () => lo + (hi - lo) * g.uniform()));
  }
  const k = centers.length, d = centers[0]?.length ?? 0;
  if (k === 0 || centers.some((c) => c.length !== d)) throw new RangeError("data.blobs: centers must be a non-empty list of points of one length");
  const stds = Array.isArray(options.clusterStd) ? options.clusterStd : new Array<number>(k).fill(options.clusterStd ?? 1);
  if (stds.length !== k) throw new RangeError(`data.blobs: ${stds.length} values of clusterStd for ${k} centers`);
  const points: number[] = [], labels: number[] = [];
  evenSizes(n, k).forEach((m, c) => {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < d; j++) points.push(centers[c][j] + stds[c] * g.normal());
      labels.push(c);
    }
  });
  shuffleTogether(points, d, labels, g);
  return classification(points, d, labels, k, { name: "blobs" });
}
