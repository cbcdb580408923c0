// Taking evenly spaced positions along one dim: the core of select, narrow, slice, chunk and split.
// Where the positions are one block of memory (along dim 0, step 1) the result shares the data, a view
// as in PyTorch, so writing into it in place writes into the original; elsewhere it is a copy, marked
// so that an in-place op on it is refused rather than silently missing the original.
// The gradient goes back to the positions taken; the others get 0.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc, copyRange } from "../storage";
import { fmt, normDim, splitAt } from "../shape";
import { markCopy } from "./inplace";

/** A whole-number index into a dim of `size`, negative counting from the end; PyTorch's message when out of range. */
export function normIndex(op: string, index: number, dim: number, size: number): number {
  if (!Number.isInteger(index)) throw new TypeError(`${op}: an index must be a whole number, got ${index}`);
  if (index < -size || index >= size) throw new RangeError(`${op}: index ${index} is out of bounds for dimension ${dim} with size ${size}`);
  return index < 0 ? index + size : index;
}

/** Throws for a 0-dim tensor, which has no dim to take positions of (as in PyTorch). */
function noDims(op: string, a: Tensor): void {
  if (a.ndim === 0) throw new RangeError(`${op}: a 0-dim tensor has no dims to index; use t.item() for its value`);
}

/** Positions start, start + step, … (count of them) along `dim`, shaped as `shape`. */
export function strided(name: string, a: Tensor, dim: number, start: number, step: number, count: number, shape: number[], made: string): Tensor {
  const [outer, size, inner] = splitAt(a.shape, dim);
  const x = a.data, block = outer === 1 && (step === 1 || count <= 1);
  const each = (f: (to: number, from: number) => void) => {
    for (let o = 0, to = 0; o < outer; o++)
      for (let k = 0; k < count; k++, to += inner) f(to, (o * size + start + k * step) * inner);
  };
  let out: Float32Array;
  if (block) out = x.subarray(start * inner, (start + count) * inner);
  else {
    out = alloc(outer * count * inner);
    each((to, from) => copyRange(out, to, x, from, inner));
  }
  const result = record(name, out, shape, [a], (g) => {
    const gx = alloc(x.length);
    each((to, from) => copyRange(gx, from, g, to, inner));
    return [gx];
  });
  if (!block) markCopy(result, made);
  return result;
}

/** The slice at `index` of `dim`, that dim removed (torch.select). */
export function select(a: Tensor, dimIn: number, index: number, op = "select"): Tensor {
  noDims(op, a);
  const dim = normDim(op, dimIn, a.ndim);
  const i = normIndex(op, index, dim, a.shape[dim]);
  return strided("SelectBackward0", a, dim, i, 1, 1, a.shape.filter((_, d) => d !== dim), `${op}(${dim}, …)`);
}

/** `length` positions from `start` along `dim` (torch.narrow). */
export function narrow(a: Tensor, dimIn: number, start: number, length: number): Tensor {
  noDims("narrow", a);
  const dim = normDim("narrow", dimIn, a.ndim), size = a.shape[dim];
  if (!Number.isInteger(start) || start < -size || start > size) {
    throw new RangeError(`narrow: start ${start} is out of range for dimension ${dim} with size ${size} (expected a whole number in ${-size}..${size})`);
  }
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(length) || length < 0 || s + length > size) {
    throw new RangeError(`narrow: start ${start} + length ${length} exceeds dimension ${dim} with size ${size} of ${fmt(a.shape)}`);
  }
  return piece("SliceBackward0", a, dim, s, length, `narrow(${dim}, …)`);
}

/** Python's a[start:end:step] along `dim`: negative bounds count from the end, out-of-range bounds are clipped. */
export function slice(a: Tensor, dimIn: number, start?: number | null, end?: number | null, step = 1): Tensor {
  noDims("slice", a);
  const dim = normDim("slice", dimIn, a.ndim), size = a.shape[dim];
  if (!Number.isInteger(step) || step <= 0) throw new RangeError(`slice: step must be a whole number > 0 (as in PyTorch), got ${step}; for a reversed order use t.index(...)`);
  for (const [name, v] of [["start", start], ["end", end]] as const) {
    if (v !== undefined && v !== null && !Number.isInteger(v)) throw new TypeError(`slice: ${name} must be a whole number, got ${v}`);
  }
  const clip = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
  const s = clip(start ?? 0), e = clip(end ?? size);
  const count = Math.max(0, Math.ceil((e - s) / step));
  const shape = a.shape.slice();
  shape[dim] = count;
  return strided("SliceBackward0", a, dim, s, step, count, shape, `slice(${dim}, …)`);
}

/** `length` consecutive positions from `start` of `dim`, the dim kept. */
export function piece(name: string, a: Tensor, dim: number, start: number, length: number, made: string): Tensor {
  const shape = a.shape.slice();
  shape[dim] = length;
  return strided(name, a, dim, start, 1, length, shape, made);
}
