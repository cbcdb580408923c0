// Row-level helpers shared by Dataset and the generators: copying rows and permutations.
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import type { Generator } from "../random";

/** A new tensor made of rows `indices` of `t` (dim 0), in that order; the data is copied. */
export function takeRows(t: Tensor, indices: ArrayLike<number>): Tensor {
  const n = t.shape[0], width = n > 0 ? t.numel() / n : 0;
  const out = alloc(indices.length * width);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    out.set(t.data.subarray(r * width, r * width + width), i * width);
  }
  return new Tensor(out, [indices.length, ...t.shape.slice(1)]);
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
