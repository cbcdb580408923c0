// Where each input element of a reduction lands. Reductions accumulate in float64, so a sum
// of a million float32 numbers is as exact as float32 allows.
import { type Tensor } from "../tensor";
import { normDim } from "../shape";

/** `dim` of a reduction: one dim, a list of dims, or everything (undefined, or [] as in PyTorch 1.13). */
export type Dims = number | readonly number[] | undefined;

/** The reduced dims, resolved (negative counts from the end) and sorted; all dims when `dims` is undefined or []. */
export function reducedDims(op: string, a: Tensor, dims: Dims): number[] {
  const list = dims === undefined ? [] : typeof dims === "number" ? [dims] : Array.isArray(dims) ? dims : [dims as unknown as number];
  if (list.length === 0) return a.shape.map((_, i) => i);
  const resolved = list.map((d) => normDim(op, d, a.ndim));
  if (new Set(resolved).size !== resolved.length) {
    throw new Error(`${op}: dim ${resolved.find((d, i) => resolved.indexOf(d) !== i)} appears twice in [${list.join(", ")}]`);
  }
  return a.ndim === 0 ? [] : resolved.sort((p, q) => p - q);
}

/** A reduction of some dims of a tensor: the output's shape and where each input element goes. */
export class Reduction {
  /** Number of output elements. */
  readonly slots: number;
  /** Input elements per output element. */
  readonly count: number;
  /** Output shape (reduced dims dropped, or kept as 1 with keepDim). */
  readonly shape: number[] = [];
  /** When the reduced dims are adjacent the input is [outer, count, inner], the output [outer, inner]. */
  readonly block: { outer: number; inner: number } | null;
  private readonly reduced: number[];
  private map: Int32Array | null = null;

  constructor(op: string, private readonly a: Tensor, dims: Dims, keepDim: boolean) {
    this.reduced = reducedDims(op, a, dims);
    let slots = 1, outer = 1, inner = 1;
    a.shape.forEach((size, d) => {
      if (this.reduced.includes(d)) {
        if (keepDim) this.shape.push(1);
        return;
      }
      this.shape.push(size);
      slots *= size;
      if (d < this.reduced[0]) outer *= size;
      else inner *= size;
    });
    this.slots = slots;
    this.count = slots === 0 ? 0 : a.numel() / slots;
    const r = this.reduced;
    this.block = r.length === 0 || r[r.length - 1] - r[0] + 1 === r.length ? { outer, inner } : null;
  }

  /** Output slot of each input element, made on first use. */
  get slot(): Int32Array {
    return (this.map ??= this.makeMap());
  }

  private makeMap(): Int32Array {
    const n = this.a.numel(), shape = this.a.shape, nd = shape.length;
    if (this.slots <= 1) return zeroSlots(n);
    const slot = new Int32Array(n);
    if (this.block) {
      const { outer, inner } = this.block, m = this.count;
      for (let o = 0, i = 0; o < outer; o++)
        for (let k = 0; k < m; k++) for (let j = 0; j < inner; j++) slot[i++] = o * inner + j;
      return slot;
    }
    // The output stride of each input dim (0 along reduced dims), walked with an odometer.
    const stride = new Int32Array(nd);
    for (let d = nd - 1, s = 1; d >= 0; d--) {
      if (!this.reduced.includes(d)) (stride[d] = s), (s *= shape[d]);
    }
    const idx = new Int32Array(nd);
    let off = 0;
    for (let i = 0; i < n; i++) {
      slot[i] = off;
      for (let d = nd - 1; d >= 0; d--) {
        off += stride[d];
        if (++idx[d] < shape[d]) break;
        off -= stride[d] * shape[d];
        idx[d] = 0;
      }
    }
    return slot;
  }
}

/** A reduction of `dims` of `a`, each dim resolved and checked (negative counts from the end). */
export function reduction(op: string, a: Tensor, dims: Dims, keepDim: boolean): Reduction {
  return new Reduction(op, a, dims, keepDim);
}

const SHARED_ZEROS = 1 << 20;
let zeros = new Int32Array(0);

/** The map of a reduction to one element: all zeros, shared up to 4 MB (it is only read), so graphs do not hold copies. */
function zeroSlots(n: number): Int32Array {
  if (n > SHARED_ZEROS) return new Int32Array(n);
  if (zeros.length < n) zeros = new Int32Array(Math.min(SHARED_ZEROS, Math.max(n, 2 * zeros.length)));
  return zeros.subarray(0, n);
}
