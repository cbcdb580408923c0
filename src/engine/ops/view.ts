// Shape changes. Storage is always contiguous, so reshape shares the data (a view,
// as in torch) and only permute has to move elements.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { ShapeError, fmt, normDim, sizeOf } from "../shape";

/** Same data, new shape with at most one -1 inferred; `op` names reshape or view in errors. */
export function reshape(a: Tensor, shapeIn: readonly number[], op = "reshape"): Tensor {
  const shape = shapeIn.slice();
  const free = shape.indexOf(-1);
  if (free !== shape.lastIndexOf(-1)) throw new ShapeError(`${op}: only one dim can be -1, got ${fmt(shape)}`);
  if (free >= 0) {
    const known = sizeOf(shape.filter((_, i) => i !== free));
    if (known === 0 || a.numel() % known !== 0) {
      throw new ShapeError(`${op}: cannot reshape ${fmt(a.shape)} (${a.numel()} elements) into ${fmt(shapeIn)}`);
    }
    shape[free] = a.numel() / known;
  }
  if (shape.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(shape) !== a.numel()) {
    throw new ShapeError(`${op}: cannot reshape ${fmt(a.shape)} (${a.numel()} elements) into ${fmt(shapeIn)}`);
  }
  return record("ViewBackward0", a.data, shape, [a], (g) => [g]);
}

/** Merge dims startDim..endDim into one (torch.flatten). */
export function flatten(a: Tensor, startDim = 0, endDim = -1): Tensor {
  if (a.ndim === 0) return reshape(a, [1]);
  const s = normDim("flatten", startDim, a.ndim), e = normDim("flatten", endDim, a.ndim);
  if (s > e) throw new ShapeError(`flatten: startDim ${startDim} comes after endDim ${endDim} for shape ${fmt(a.shape)}`);
  const merged = sizeOf(a.shape.slice(s, e + 1));
  return reshape(a, [...a.shape.slice(0, s), merged, ...a.shape.slice(e + 1)]);
}

/** Reorder dims: output dim i is input dim `dims[i]` (torch.permute). */
export function permute(a: Tensor, dimsIn: readonly number[]): Tensor {
  const nd = a.ndim;
  const dims = dimsIn.map((d) => normDim("permute", d, nd));
  if (dims.length !== nd || new Set(dims).size !== nd) {
    throw new ShapeError(`permute: ${fmt(dimsIn)} is not an ordering of the ${nd} dims of ${fmt(a.shape)}`);
  }
  const shape = dims.map((d) => a.shape[d]);
  const out = permuteData(a.data, a.shape, dims);
  const inverse = new Array<number>(nd);
  dims.forEach((d, i) => (inverse[d] = i));
  return record("PermuteBackward0", out, shape, [a], (g) => [permuteData(g, shape, inverse)]);
}

/** Swap two dims (torch.transpose). */
export function transpose(a: Tensor, d0: number, d1: number): Tensor {
  const dims = a.shape.map((_, i) => i);
  const i = normDim("transpose", d0, a.ndim), j = normDim("transpose", d1, a.ndim);
  if (a.ndim < 2) return a;
  [dims[i], dims[j]] = [dims[j], dims[i]];
  return permute(a, dims);
}

/** Copy `x` of shape `shape` into the layout of its permutation by `dims`. */
function permuteData(x: Float32Array, shape: readonly number[], dims: readonly number[]): Float32Array {
  const nd = shape.length, out = alloc(x.length);
  if (x.length === 0) return out;
  const inStride = new Array<number>(nd);
  for (let i = nd - 1, s = 1; i >= 0; i--) (inStride[i] = s), (s *= shape[i]);
  const oShape = dims.map((d) => shape[d]), oStride = dims.map((d) => inStride[d]);
  if (nd === 0) return (out.set(x), out);
  const idx = new Int32Array(nd);
  const inner = oShape[nd - 1], sIn = oStride[nd - 1];
  let off = 0;
  for (let o = 0; o < out.length; o += inner) {
    for (let j = 0; j < inner; j++) out[o + j] = x[off + j * sIn];
    for (let d = nd - 2; d >= 0; d--) {
      off += oStride[d];
      if (++idx[d] < oShape[d]) break;
      off -= oStride[d] * oShape[d];
      idx[d] = 0;
    }
  }
  return out;
}
