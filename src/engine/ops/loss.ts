// Loss functions as single ops: one pass forward, one pass back, and the numerically
// careful formulas torch uses.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { checkSameShape } from "./elementwiseLoss";

/** mean((pred − target)²) */
export function mseLoss(pred: Tensor, target: Tensor): Tensor {
  checkSameShape("MSELoss", pred, target);
  const p = pred.data, t = target.data, n = p.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += (p[i] - t[i]) * (p[i] - t[i]);
  const out = alloc(1);
  out[0] = s / n;
  return record("MseLossBackward0", out, [], [pred, target], (g) => {
    const gp = alloc(n), c = (2 * g[0]) / n;
    for (let i = 0; i < n; i++) gp[i] = c * (p[i] - t[i]);
    if (!target.requiresGrad) return [gp, null];
    const gt = alloc(n);
    for (let i = 0; i < n; i++) gt[i] = -gp[i];
    return [gp, gt];
  });
}

/** A target of row `i` that is not one of the `c` classes is an error that names it and the row. */
export function checkClass(op: string, k: number, i: number, c: number): void {
  if (!Number.isInteger(k) || k < 0 || k >= c) throw new RangeError(`${op}: target class ${k} at row ${i} is not a whole number in 0..${c - 1}`);
}

/**
 * −mean_i logp[i, y_i] for class indices y (torch's nll_loss, reduction "mean", no weights): the step after
 * logSoftmax in cross-entropy, as one op. `op` names the loss in errors.
 */
export function nllLossMean(op: string, logp: Tensor, target: Tensor): Tensor {
  const [n, c] = logp.shape, lp = logp.data, y = target.data;
  const rows = new Int32Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const k = y[i];
    checkClass(op, k, i, c);
    rows[i] = i * c + k;
    s += lp[rows[i]];
  }
  const out = alloc(1);
  out[0] = -s / n;
  return record("NllLossBackward0", out, [], [logp], (g) => {
    const gl = alloc(n * c), v = -g[0] / n;
    for (let i = 0; i < n; i++) gl[rows[i]] = v;
    return [gl];
  });
}

/**
 * Binary cross-entropy on probabilities: mean(−[y·log p + (1 − y)·log(1 − p)]), each log
 * clamped at −100 like torch so p = 0 or 1 gives a large finite loss, not Infinity.
 */
export function bceLoss(pred: Tensor, target: Tensor): Tensor {
  checkSameShape("BCELoss", pred, target);
  const p = pred.data, t = target.data, n = p.length;
  for (let i = 0; i < n; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) {
      throw new RangeError(
        `BCELoss: predictions must be probabilities in [0, 1], got ${p[i]} at element ${i}; ` +
          "end the network with nn.Sigmoid(), or use nn.BCEWithLogitsLoss() on raw scores",
      );
    }
  }
  let s = 0;
  for (let i = 0; i < n; i++) s -= t[i] * Math.max(Math.log(p[i]), -100) + (1 - t[i]) * Math.max(Math.log(1 - p[i]), -100);
  const out = alloc(1);
  out[0] = s / n;
  return record("BinaryCrossEntropyBackward0", out, [], [pred, target], (g) => {
    const gp = alloc(n), c = g[0] / n;
    // torch's formula: (p − y) / max(p(1 − p), 1e-12)
    for (let i = 0; i < n; i++) gp[i] = (c * (p[i] - t[i])) / Math.max((1 - p[i]) * p[i], 1e-12);
    return [gp, null];
  });
}

/**
 * Binary cross-entropy on raw scores x (logits), with the sigmoid folded in:
 * mean(max(x, 0) − x·y + log(1 + e^−|x|)), which never overflows. Gradient (σ(x) − y)/n.
 */
export function bceWithLogitsLoss(logits: Tensor, target: Tensor): Tensor {
  checkSameShape("BCEWithLogitsLoss", logits, target);
  const x = logits.data, t = target.data, n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.max(x[i], 0) - x[i] * t[i] + Math.log1p(Math.exp(-Math.abs(x[i])));
  const out = alloc(1);
  out[0] = s / n;
  return record("BinaryCrossEntropyWithLogitsBackward0", out, [], [logits, target], (g) => {
    const gx = alloc(n), gt = alloc(n), c = g[0] / n;
    for (let i = 0; i < n; i++) {
      const sig = x[i] >= 0 ? 1 / (1 + Math.exp(-x[i])) : Math.exp(x[i]) / (1 + Math.exp(x[i]));
      gx[i] = c * (sig - t[i]);
      gt[i] = -c * x[i];
    }
    return [gx, gt];
  });
}
