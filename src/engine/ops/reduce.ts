// Reductions over one dim, several dims or everything. A dim is viewed as the middle
// of [outer, n, inner] so one strided loop covers every case.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { normDim, splitAt } from "../shape";
import { reshape } from "./view";

export type Dims = number | number[] | undefined;

/** Shape after reducing `dim`, keeping it as 1 or dropping it. */
function reducedShape(shape: readonly number[], dim: number, keepDim: boolean): number[] {
  const out = shape.slice();
  if (keepDim) out[dim] = 1;
  else out.splice(dim, 1);
  return out;
}

function sumDim(a: Tensor, dim: number, keepDim: boolean, scale: number, name: string): Tensor {
  const [outer, n, inner] = splitAt(a.shape, dim);
  const x = a.data, out = alloc(outer * inner);
  for (let o = 0; o < outer; o++)
    for (let k = 0; k < n; k++) {
      const src = (o * n + k) * inner, dst = o * inner;
      for (let j = 0; j < inner; j++) out[dst + j] += x[src + j];
    }
  if (scale !== 1) for (let i = 0; i < out.length; i++) out[i] *= scale;
  return record(name, out, reducedShape(a.shape, dim, keepDim), [a], (g) => {
    const ga = alloc(x.length); // every input element gets the gradient of its sum
    for (let o = 0; o < outer; o++)
      for (let k = 0; k < n; k++) {
        const dst = (o * n + k) * inner, src = o * inner;
        for (let j = 0; j < inner; j++) ga[dst + j] = g[src + j] * scale;
      }
    return [ga];
  });
}

function reduce(a: Tensor, dims: Dims, keepDim: boolean, mean: boolean): Tensor {
  const op = mean ? "mean" : "sum";
  if (dims === undefined) {
    // Everything: one pass over the flat data, then restore the dims if kept.
    const flat = sumDim(reshape(a, [a.numel()]), 0, false, mean ? 1 / a.numel() : 1, mean ? "MeanBackward0" : "SumBackward0");
    return keepDim ? reshape(flat, a.shape.map(() => 1)) : flat;
  }
  const list = (Array.isArray(dims) ? dims : [dims]).map((d) => normDim(op, d, a.ndim));
  if (a.ndim === 0) return reduce(a, undefined, keepDim, mean);
  // Highest dims first, so the lower indices stay valid when dims are dropped.
  let t = a;
  for (const d of [...new Set(list)].sort((p, q) => q - p)) {
    t = sumDim(t, d, keepDim, mean ? 1 / a.shape[d] : 1, mean ? "MeanBackward1" : "SumBackward1");
  }
  return t;
}

export function sum(a: Tensor, dims?: Dims, keepDim = false): Tensor {
  return reduce(a, dims, keepDim, false);
}

export function mean(a: Tensor, dims?: Dims, keepDim = false): Tensor {
  return reduce(a, dims, keepDim, true);
}

/** Largest value along `dim` (first one on ties), or over everything. */
export function max(a: Tensor, dim?: number, keepDim = false): Tensor {
  if (dim === undefined) return maxAll(a);
  const d = normDim("max", dim, a.ndim);
  const [outer, n, inner] = a.ndim === 0 ? [1, 1, 1] : splitAt(a.shape, d);
  const x = a.data, out = alloc(outer * inner), arg = argmaxLoop(x, outer, n, inner);
  for (let i = 0; i < out.length; i++) out[i] = x[arg[i]];
  const shape = a.ndim === 0 ? [] : reducedShape(a.shape, d, keepDim);
  return record("MaxBackward0", out, shape, [a], (g) => {
    const ga = alloc(x.length);
    for (let i = 0; i < arg.length; i++) ga[arg[i]] += g[i];
    return [ga];
  });
}

/** Max over all elements; like torch, the gradient is shared evenly between ties. */
function maxAll(a: Tensor): Tensor {
  const x = a.data;
  if (x.length === 0) throw new Error("max: the tensor is empty");
  let m = -Infinity, ties = 0;
  for (let i = 0; i < x.length; i++) if (x[i] > m || Number.isNaN(x[i])) m = x[i];
  for (let i = 0; i < x.length; i++) if (x[i] === m) ties++;
  const out = alloc(1);
  out[0] = m;
  return record("MaxBackward1", out, [], [a], (g) => {
    const ga = alloc(x.length);
    for (let i = 0; i < x.length; i++) if (x[i] === m) ga[i] = g[0] / ties;
    return [ga];
  });
}

/** Flat index of the max along the middle dim for each (outer, inner) position. */
function argmaxLoop(x: Float32Array, outer: number, n: number, inner: number): Int32Array {
  const arg = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < inner; j++) {
      let best = o * n * inner + j;
      for (let k = 1; k < n; k++) {
        const i = (o * n + k) * inner + j;
        if (x[i] > x[best]) best = i;
      }
      arg[o * inner + j] = best;
    }
  return arg;
}

/** Index of the max along `dim` (or of the flattened tensor) as a float tensor; no gradient. */
export function argmax(a: Tensor, dim?: number, keepDim = false): Tensor {
  if (dim === undefined) {
    const out = alloc(1);
    out[0] = argmaxLoop(a.data, 1, a.numel(), 1)[0];
    return new Tensor(out, []);
  }
  const d = normDim("argmax", dim, a.ndim);
  const [outer, n, inner] = a.ndim === 0 ? [1, 1, 1] : splitAt(a.shape, d);
  const flat = argmaxLoop(a.data, outer, n, inner), out = alloc(flat.length);
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < inner; j++) out[o * inner + j] = Math.floor(flat[o * inner + j] / inner) % n;
  return new Tensor(out, a.ndim === 0 ? [] : reducedShape(a.shape, d, keepDim));
}
