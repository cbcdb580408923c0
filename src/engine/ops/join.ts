// Joining tensors along a dim (torch.cat) or along a new dim (torch.stack); each input's gradient
// is its own block of the output's.
import { traced } from "../tracing";
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { ShapeError, fmt, normDim, sameShape, splitAt } from "../shape";

function checkList(op: string, tensors: readonly Tensor[]): void {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new TypeError(`${op}: expects a non-empty array of tensors, e.g. ${op}([a, b], 0), got ${Array.isArray(tensors) ? "[]" : typeof tensors}`);
  }
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`${op}: tensors[${i}] is ${t === null ? "null" : typeof t}, not a Tensor; make it with tensor(…)`);
  });
}

/**
 * Join tensors along an existing dim (PyTorch's `torch.cat`): every tensor has the same shape except in `dim`,
 * whose sizes add up. The gradient of each input is its block of the output's gradient.
 * @example cat([zeros(2, 3), ones(1, 3)]) // shape [3, 3]
 * @example cat([x, x.square()], 1) // [n, 2f]: features and their squares side by side
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  return traced("cat", [tensors, dim], () => {
    checkList("cat", tensors);
    const first = tensors[0], d = normDim("cat", dim, first.ndim);
    if (first.ndim === 0) throw new ShapeError("cat: 0-dim tensors cannot be joined along a dim; use stack(tensors) to make a new dim");
    tensors.forEach((t, i) => {
      if (t.ndim !== first.ndim || t.shape.some((s, k) => k !== d && s !== first.shape[k])) {
        throw new ShapeError(`cat: tensors must have the same shape except in dim ${d}, but tensors[0] is ${fmt(first.shape)} and tensors[${i}] is ${fmt(t.shape)}`);
      }
    });
    const shape = first.shape.slice();
    shape[d] = tensors.reduce((n, t) => n + t.shape[d], 0);
    return join("CatBackward0", tensors, d, shape);
  });
}

/**
 * Join tensors of one shape along a new dim `dim` (PyTorch's `torch.stack`): n tensors of shape [a, b] give
 * [n, a, b] for dim 0. `dim` may be ndim (the new dim last); negative counts from the end of the result.
 * @example stack([tensor([1, 2]), tensor([3, 4])]) // tensor([[1., 2.], [3., 4.]])
 * @example stack(points, 1) // [2] vectors into a [2, n] matrix
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  return traced("stack", [tensors, dim], () => {
    checkList("stack", tensors);
    const first = tensors[0], d = normDim("stack", dim, first.ndim + 1);
    tensors.forEach((t, i) => {
      if (!sameShape(t.shape, first.shape)) {
        throw new ShapeError(`stack: every tensor must have the same shape, but tensors[0] is ${fmt(first.shape)} and tensors[${i}] is ${fmt(t.shape)}`);
      }
    });
    const shape = first.shape.slice();
    shape.splice(d, 0, tensors.length);
    // Stacking is joining along the new dim, each input a block of size 1 in it.
    const unit = first.shape.slice();
    unit.splice(d, 0, 1);
    return join("StackBackward0", tensors, d, shape, unit);
  });
}

/** Copy the inputs block by block along `dim` of `shape`; `unit` is each input's shape seen with that dim (its own by default). */
function join(name: string, tensors: readonly Tensor[], dim: number, shape: number[], unit?: number[]): Tensor {
  const [outer, size, inner] = splitAt(shape, dim);
  const widths = tensors.map((t) => (unit ?? t.shape)[dim] * inner);
  const row = size * inner, out = alloc(outer * row);
  let at = 0;
  tensors.forEach((t, k) => {
    const w = widths[k], x = t.data;
    for (let o = 0; o < outer; o++) out.set(x.subarray(o * w, o * w + w), o * row + at);
    at += w;
  });
  return record(name, out, shape, tensors.slice(), (g) => {
    let from = 0;
    return tensors.map((t, k) => {
      const w = widths[k];
      const gx = t.requiresGrad ? alloc(outer * w) : null;
      if (gx) for (let o = 0; o < outer; o++) gx.set(g.subarray(o * row + from, o * row + from + w), o * w);
      from += w;
      return gx;
    });
  });
}
