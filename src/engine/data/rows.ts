// Row-level helpers shared by Dataset and the generators: copying rows and permutations.
import { Tensor } from "../tensor";
import { alloc, copyRange } from "../storage";
import type { Generator } from "../random";

/** A new tensor made of rows `indices` of `t` (dim 0), in that order; the data is copied. */
export function takeRows(t: Tensor, indices: ArrayLike<number>): Tensor {
  const width = rowSize(t);
  const out = alloc(indices.length * width);
  for (let i = 0; i < indices.length; i++) copyRange(out, i * width, t.data, indices[i] * width, width);
  return new Tensor(out, [indices.length, ...t.shape.slice(1)]);
}

/** Row `i` of `t` (dim 0) as a tensor of its own, shape `t.shape.slice(1)`; the data is copied. */
export function rowAt(t: Tensor, i: number): Tensor {
  const width = rowSize(t);
  return new Tensor(t.data.slice(i * width, i * width + width), t.shape.slice(1));
}

/** The rows of `a`, then those of `b` (PyTorch's `torch.cat([a, b])`); rows must have the same shape. */
export function catRows(a: Tensor, b: Tensor): Tensor {
  const out = alloc(a.numel() + b.numel());
  out.set(a.data);
  out.set(b.data, a.numel());
  return new Tensor(out, [a.shape[0] + b.shape[0], ...a.shape.slice(1)]);
}

/** Tensors of one shape stacked along a new first dim (PyTorch's `torch.stack`). */
export function stackRows(rows: readonly Tensor[], shape: readonly number[]): Tensor {
  const width = shape.reduce((p, d) => p * d, 1), out = alloc(rows.length * width);
  rows.forEach((r, i) => out.set(r.data, i * width));
  return new Tensor(out, [rows.length, ...shape]);
}

/** Elements per row of `t`: the product of its shape after the first dim. */
export function rowSize(t: Tensor): number {
  return t.shape.slice(1).reduce((p, d) => p * d, 1);
}

/** 0..n−1 in random order (Fisher–Yates). */
export function permutation(n: number, g: Generator): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(g.uniform() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** Sizes of `parts` groups that share `n` items as evenly as possible, the first groups one larger. */
export function evenSizes(n: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));
}
