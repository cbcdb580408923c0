// Metrics counted alongside the loss: accuracy for classification, mean absolute error for regression.
import type { Tensor } from "../tensor";
import { ShapeError, fmt } from "../shape";

/**
 * A metric `train` can report per epoch:
 * - `"accuracy"`: share of rows classified right. One output column: predicted class 1 when the
 *   output ≥ 0.5 (a probability), or ≥ 0 with `nn.BCEWithLogitsLoss` (a logit). Several columns:
 *   the argmax, compared with the class index (or the argmax of a one-hot `y`).
 * - `"mae"`: mean absolute error |pred − y| over all elements, for regression.
 */
export type MetricName = "accuracy" | "mae";

export const METRICS: readonly MetricName[] = ["accuracy", "mae"];

/** A running total of one metric over the batches of an epoch. */
export class MetricTotal {
  private sum = 0;
  private count = 0;

  constructor(readonly name: MetricName, private readonly threshold: number) {}

  add(pred: Tensor, y: Tensor): void {
    if (this.name === "accuracy") {
      this.sum += correct(pred, y, this.threshold);
      this.count += pred.shape[0] ?? 1;
    } else {
      if (pred.numel() !== y.numel()) throw new ShapeError(`train: metric "mae" needs one prediction per label, got ${fmt(pred.shape)} for y ${fmt(y.shape)}`);
      for (let i = 0; i < pred.numel(); i++) this.sum += Math.abs(pred.data[i] - y.data[i]);
      this.count += pred.numel();
    }
  }

  value(): number {
    return this.count > 0 ? this.sum / this.count : NaN;
  }
}

/** Number of rows whose predicted class matches the label. */
export function correct(pred: Tensor, y: Tensor, threshold: number): number {
  const n = pred.ndim === 0 ? 1 : pred.shape[0], cols = n > 0 ? pred.numel() / n : 1;
  const p = pred.data, t = y.data, labelCols = n > 0 ? y.numel() / n : 1;
  if (!Number.isInteger(labelCols) || (labelCols !== 1 && labelCols !== cols)) {
    throw new ShapeError(`train: accuracy needs one label (or one-hot row) per prediction, got output ${fmt(pred.shape)} and y ${fmt(y.shape)}`);
  }
  let hits = 0;
  for (let i = 0; i < n; i++) {
    if (cols === 1) {
      if ((p[i] >= threshold ? 1 : 0) === (t[i] >= 0.5 ? 1 : 0)) hits++;
    } else {
      const label = labelCols === 1 ? t[i] : argmaxRow(t, i * cols, cols);
      if (argmaxRow(p, i * cols, cols) === label) hits++;
    }
  }
  return hits;
}

function argmaxRow(v: Float32Array, start: number, len: number): number {
  let best = 0;
  for (let j = 1; j < len; j++) if (v[start + j] > v[start + best]) best = j;
  return best;
}
