import { alloc } from "../storage";
import { sameShape, sizeOf } from "../shape";

/** Strides into an array of shape `from` when read as shape `to` (0 along broadcast dims). */
function readStrides(from: readonly number[], to: readonly number[]): Int32Array {
  const s = new Int32Array(to.length);
  let stride = 1;
  for (let i = 1; i <= to.length; i++) {
    const d = from.length - i >= 0 ? from[from.length - i] : 1;
    s[to.length - i] = d === 1 ? 0 : stride;
    stride *= d;
  }
  return s;
}

/**
 * Walk the elements of shape `to` in order while tracking the matching offset in `from`.
 * `accumulate` false: out[i] = x[src] (expand); true: out[src] += x[i] (reduce back).
 */
function walk(x: Float32Array, out: Float32Array | Float64Array, from: readonly number[], to: readonly number[], accumulate: boolean): void {
  const nd = to.length, n = sizeOf(to);
  if (n === 0) return;
  const src = readStrides(from, to);
  const idx = new Int32Array(nd);
  const inner = to[nd - 1], sIn = src[nd - 1];
  let off = 0;
  for (let o = 0; o < n; o += inner) {
    if (accumulate) for (let j = 0; j < inner; j++) out[off + j * sIn] += x[o + j];
    else for (let j = 0; j < inner; j++) out[o + j] = x[off + j * sIn];
    for (let d = nd - 2; d >= 0; d--) {
      off += src[d];
      if (++idx[d] < to[d]) break;
      off -= src[d] * to[d];
      idx[d] = 0;
    }
  }
}

/** `x` (shape `from`) repeated to shape `to`; returns `x` itself when nothing is broadcast. */
export function expand(x: Float32Array, from: readonly number[], to: readonly number[]): Float32Array {
  if (sameShape(from, to)) return x;
  const out = alloc(sizeOf(to));
  if (x.length === 1) out.fill(x[0]);
  else walk(x, out, from, to, false);
  return out;
}

/** Sum a gradient of the broadcast shape `from` back down to the input shape `to`, in float64. */
export function reduceTo(g: Float32Array, from: readonly number[], to: readonly number[]): Float32Array {
  if (sameShape(from, to)) return g;
  const out = alloc(sizeOf(to));
  if (out.length === 1) {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i];
    out[0] = s;
  } else {
    const acc = new Float64Array(out.length);
    walk(g, acc, to, from, true);
    out.set(acc);
  }
  return out;
}
