// softmax and logSoftmax along one dim. Both subtract the max first, so large
// inputs (1000, 1001, ...) do not overflow exp.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { normDim, splitAt } from "../shape";

/** Softmax (or its log) of every slice along the middle dim of [outer, n, inner]. */
function logSumExpShift(x: Float32Array, out: Float32Array, outer: number, n: number, inner: number, log: boolean): void {
  if (inner === 1) return rowsLogSumExpShift(x, out, outer, n, log);
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < inner; j++) {
      const base = o * n * inner + j;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, x[base + k * inner]);
      if (m === -Infinity) m = 0; // all -inf: avoid -inf − -inf = NaN
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(x[base + k * inner] - m);
      if (log) {
        // (x − m) − log s, not x − (m + log s): at m ≈ 1e14 adding log s to m would lose it.
        const ls = Math.log(s);
        for (let k = 0; k < n; k++) out[base + k * inner] = x[base + k * inner] - m - ls;
      } else {
        for (let k = 0; k < n; k++) out[base + k * inner] = Math.exp(x[base + k * inner] - m) / s;
      }
    }
}

/** logSumExpShift over contiguous rows (the last dim): the same sums in the same order, indexed plainly. */
function rowsLogSumExpShift(x: Float32Array, out: Float32Array, rows: number, n: number, log: boolean): void {
  for (let base = 0, end = n; base < rows * n; base = end, end += n) {
    let m = -Infinity;
    for (let i = base; i < end; i++) m = Math.max(m, x[i]);
    if (m === -Infinity) m = 0;
    let s = 0;
    for (let i = base; i < end; i++) s += Math.exp(x[i] - m);
    if (log) {
      const ls = Math.log(s);
      for (let i = base; i < end; i++) out[i] = x[i] - m - ls;
    } else for (let i = base; i < end; i++) out[i] = Math.exp(x[i] - m) / s;
  }
}

/** Sum of `v` along the softmax dim for every (outer, inner) pair. */
function sumAlong(v: Float32Array, outer: number, n: number, inner: number): Float64Array {
  const s = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++)
    for (let k = 0; k < n; k++)
      for (let j = 0; j < inner; j++) s[o * inner + j] += v[(o * n + k) * inner + j];
  return s;
}

export function softmax(a: Tensor, dim = -1): Tensor {
  const [outer, n, inner] = a.ndim === 0 ? [1, 1, 1] : splitAt(a.shape, normDim("softmax", dim, a.ndim));
  const y = alloc(a.numel());
  logSumExpShift(a.data, y, outer, n, inner, false);
  return record("SoftmaxBackward0", y, a.shape.slice(), [a], (g) => {
    // dx = y ⊙ (g − Σ g⊙y)
    const gy = alloc(g.length);
    for (let i = 0; i < g.length; i++) gy[i] = g[i] * y[i];
    const s = sumAlong(gy, outer, n, inner), ga = alloc(g.length);
    for (let o = 0; o < outer; o++)
      for (let k = 0; k < n; k++)
        for (let j = 0; j < inner; j++) {
          const i = (o * n + k) * inner + j;
          ga[i] = y[i] * (g[i] - s[o * inner + j]);
        }
    return [ga];
  });
}

export function logSoftmax(a: Tensor, dim = -1): Tensor {
  const [outer, n, inner] = a.ndim === 0 ? [1, 1, 1] : splitAt(a.shape, normDim("logSoftmax", dim, a.ndim));
  const y = alloc(a.numel());
  logSumExpShift(a.data, y, outer, n, inner, true);
  return record("LogSoftmaxBackward0", y, a.shape.slice(), [a], (g) => {
    // dx = g − softmax ⊙ Σ g
    if (inner === 1) {
      // Contiguous rows: each row's sum in one float64 number, added in the same order as sumAlong.
      const ga = alloc(g.length);
      for (let base = 0, end = n; base < g.length; base = end, end += n) {
        let s = 0;
        for (let i = base; i < end; i++) s += g[i];
        for (let i = base; i < end; i++) ga[i] = g[i] - Math.exp(y[i]) * s;
      }
      return [ga];
    }
    const s = sumAlong(g, outer, n, inner), ga = alloc(g.length);
    for (let o = 0; o < outer; o++)
      for (let k = 0; k < n; k++)
        for (let j = 0; j < inner; j++) {
          const i = (o * n + k) * inner + j;
          ga[i] = g[i] - Math.exp(y[i]) * s[o * inner + j];
        }
    return [ga];
  });
}
