// Which output element each input element of a reduction lands in. Reductions accumulate
// in float64 through this map, so a sum of a million float32 numbers is as exact as float32 allows.
import { type Tensor } from "../tensor";
import { normDim } from "../shape";

/** `dim` of a reduction: one dim, a list of dims, or everything (undefined, or [] as in PyTorch 1.13). */
export type Dims = number | readonly number[] | undefined;

export interface Reduction {
  /** Output slot of each input element. */
  slot: Int32Array;
  /** Number of output elements. */
  slots: number;
  /** Input elements per output element. */
  count: number;
  /** Output shape (reduced dims dropped, or kept as 1 with keepDim). */
  shape: number[];
}

/** The reduced dims, resolved (negative counts from the end) and sorted; all dims when `dims` is undefined or []. */
export function reducedDims(op: string, a: Tensor, dims: Dims): number[] {
  const list = dims === undefined ? [] : typeof dims === "number" ? [dims] : dims;
  if (list.length === 0) return a.shape.map((_, i) => i);
  const resolved = list.map((d) => normDim(op, d, a.ndim));
  if (new Set(resolved).size !== resolved.length) {
    throw new Error(`${op}: dim ${resolved.find((d, i) => resolved.indexOf(d) !== i)} appears twice in [${list.join(", ")}]`);
  }
  return a.ndim === 0 ? [] : resolved.sort((p, q) => p - q);
}

/** The slot map of reducing `dims` of `a`. */
export function reduction(op: string, a: Tensor, dims: Dims, keepDim: boolean): Reduction {
  const reduced = new Set(reducedDims(op, a, dims));
  const shape: number[] = [], nd = a.ndim;
  // Output stride of each input dim: 0 along reduced dims.
  const stride = new Int32Array(nd);
  let slots = 1;
  for (let d = nd - 1; d >= 0; d--) {
    if (!reduced.has(d)) {
      stride[d] = slots;
      slots *= a.shape[d];
    }
  }
  for (let d = 0; d < nd; d++) {
    if (!reduced.has(d)) shape.push(a.shape[d]);
    else if (keepDim) shape.push(1);
  }
  const n = a.numel(), slot = new Int32Array(n);
  if (slots > 1 && n > 0) {
    const idx = new Int32Array(nd);
    let off = 0;
    for (let i = 0; i < n; i++) {
      slot[i] = off;
      for (let d = nd - 1; d >= 0; d--) {
        off += stride[d];
        if (++idx[d] < a.shape[d]) break;
        off -= stride[d] * a.shape[d];
        idx[d] = 0;
      }
    }
  }
  return { slot, slots, count: slots === 0 ? 0 : n / slots, shape };
}
