// Losses element by element, for the reductions "sum" and "none" and the options that change each element
// (Huber's delta, BCE's positive weight): one value per element of the prediction, each with its gradient.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { ShapeError, fmt, sameShape, broadcastShapes } from "../shape";
import { expand } from "../backend/broadcast";

export function checkSameShape(op: string, pred: Tensor, target: Tensor): void {
  if (!sameShape(pred.shape, target.shape)) {
    throw new ShapeError(
      `${op}: prediction ${fmt(pred.shape)} and target ${fmt(target.shape)} must have the same shape ` +
        `(reshape one of them, e.g. target.reshape(${pred.shape.map((d, i) => (i === 0 ? -1 : d)).join(", ")}))`,
    );
  }
}

/** ½d² where |d| ≤ delta, else delta·(|d| − ½delta), d = pred − target (torch's huber_loss, reduction "none"). */
export function huberElements(pred: Tensor, target: Tensor, delta: number): Tensor {
  checkSameShape("HuberLoss", pred, target);
  const p = pred.data, t = target.data, n = p.length, out = alloc(n);
  for (let i = 0; i < n; i++) {
    const d = p[i] - t[i], a = Math.abs(d);
    out[i] = a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
  }
  return record("HuberLossBackward0", out, pred.shape.slice(), [pred, target], (g) => {
    const gp = alloc(n), gt = alloc(n);
    for (let i = 0; i < n; i++) {
      const d = p[i] - t[i];
      gp[i] = g[i] * (Math.abs(d) <= delta ? d : delta * Math.sign(d));
      gt[i] = -gp[i];
    }
    return [gp, gt];
  });
}

/** −[y·log p + (1 − y)·log(1 − p)] per element, each log clamped at −100 as torch does. */
export function bceElements(pred: Tensor, target: Tensor): Tensor {
  checkSameShape("BCELoss", pred, target);
  const p = pred.data, t = target.data, n = p.length, out = alloc(n);
  for (let i = 0; i < n; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) {
      throw new RangeError(
        `BCELoss: predictions must be probabilities in [0, 1], got ${p[i]} at element ${i}; ` +
          "end the network with nn.Sigmoid(), or use nn.BCEWithLogitsLoss() on raw scores",
      );
    }
    out[i] = -(t[i] * Math.max(Math.log(p[i]), -100) + (1 - t[i]) * Math.max(Math.log(1 - p[i]), -100));
  }
  return record("BinaryCrossEntropyBackward0", out, pred.shape.slice(), [pred, target], (g) => {
    const gp = alloc(n);
    for (let i = 0; i < n; i++) gp[i] = (g[i] * (p[i] - t[i])) / Math.max((1 - p[i]) * p[i], 1e-12);
    return [gp, null];
  });
}

/**
 * BCE on logits per element with torch's positive weight w (broadcast over the last dims, one per class):
 * (1 − y)·x + (1 + (w − 1)·y)·log(1 + e^−x), written so that it never overflows.
 */
export function bceWithLogitsElements(logits: Tensor, target: Tensor, posWeight: Tensor | null): Tensor {
  checkSameShape("BCEWithLogitsLoss", logits, target);
  const x = logits.data, t = target.data, n = x.length, out = alloc(n);
  if (posWeight) broadcastShapes("BCEWithLogitsLoss: posWeight", posWeight.shape, logits.shape);
  const w = posWeight ? expand(posWeight.data, posWeight.shape, logits.shape) : null;
  // softplus(−x) = log(1 + e^−x) = max(−x, 0) + log1p(e^−|x|)
  const softplusNeg = (v: number) => Math.max(-v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  for (let i = 0; i < n; i++) {
    const c = w ? 1 + (w[i] - 1) * t[i] : 1;
    out[i] = (1 - t[i]) * x[i] + c * softplusNeg(x[i]);
  }
  return record("BinaryCrossEntropyWithLogitsBackward0", out, logits.shape.slice(), [logits, target], (g) => {
    const gx = alloc(n), gt = alloc(n);
    for (let i = 0; i < n; i++) {
      const sig = x[i] >= 0 ? 1 / (1 + Math.exp(-x[i])) : Math.exp(x[i]) / (1 + Math.exp(x[i]));
      const c = w ? 1 + (w[i] - 1) * t[i] : 1;
      gx[i] = g[i] * (1 - t[i] - c * (1 - sig));
      gt[i] = g[i] * (-x[i] + (w ? (w[i] - 1) * softplusNeg(x[i]) : 0));
    }
    return [gx, gt];
  });
}
