// y = x·Wᵀ + b in one op: no transposed copy of W and no broadcast add, which is
// where a dense layer spends its time.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { mmNN, mmNT, mmTN } from "../backend/matmul";
import { callSink, traced } from "../tracing";

/** x [..., in], weight [out, in], bias [out] → [..., out] (torch.nn.functional.linear). */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  // A layer that is written down op by op (attention, for ONNX) calls this directly: the export sees it as F.linear.
  if (callSink()?.depth === 0) return traced("F.linear", [x, weight, bias], () => linearOf(x, weight, bias));
  return linearOf(x, weight, bias);
}

function linearOf(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const [nOut, nIn] = weight.shape;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== nIn) {
    throw new ShapeError(
      `linear: input ${fmt(x.shape)} has ${x.shape[x.ndim - 1] ?? 0} features but the layer expects ${nIn} (weight ${fmt(weight.shape)})`,
    );
  }
  const rows = x.numel() / nIn;
  const X = x.data, W = weight.data, out = alloc(rows * nOut);
  if (bias) fillRows(out, bias.data, rows, nOut);
  mmNT(X, 0, W, 0, out, 0, rows, nIn, nOut);
  const inputs = bias ? [x, weight, bias] : [x, weight];
  const shape = x.shape.slice();
  shape[shape.length - 1] = nOut;
  return record("AddmmBackward0", out, shape, inputs, (g, into) => {
    let gx: Float32Array | null = null, gw: Float32Array | null = null, gb: Float32Array | null = null;
    if (x.requiresGrad) mmNN(g, 0, W, 0, (gx = alloc(X.length)), 0, rows, nOut, nIn); // dX = G·W
    // The kernels add into c: a weight that has a .grad already gets dW added there, in place.
    if (weight.requiresGrad) mmTN(g, 0, X, 0, (gw = into[1] ?? alloc(W.length)), 0, nOut, rows, nIn); // dW = Gᵀ·X
    if (bias?.requiresGrad) gb = columnSums(g, rows, nOut, into[2] ?? alloc(nOut));
    return [gx, gw, gb];
  }, true);
}

/** Each of the `rows` rows of out [rows, n] set to b. */
function fillRows(out: Float32Array, b: Float32Array, rows: number, n: number): void {
  if (n >= 16) for (let r = 0; r < rows; r++) out.set(b, r * n);
  else for (let r = 0, o = 0; r < rows; r++) for (let j = 0; j < n; j++) out[o++] = b[j];
}

/** out += db, the column sums of G [rows, n], added up in float64 so large batches stay exact. */
function columnSums(g: Float32Array, rows: number, n: number, out: Float32Array): Float32Array {
  if (n < 16) {
    // Few columns: one double accumulator each (a JavaScript number), no float64 array.
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0, i = j; r < rows; r++, i += n) s += g[i];
      out[j] += s;
    }
    return out;
  }
  const acc = new Float64Array(n);
  for (let r = 0; r < rows; r++) for (let j = 0, o = r * n; j < n; j++) acc[j] += g[o + j];
  for (let j = 0; j < n; j++) out[j] += acc[j];
  return out;
}
