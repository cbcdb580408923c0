// y = x·Wᵀ + b in one op: no transposed copy of W and no broadcast add, which is
// where a dense layer spends its time.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { mmNN, mmNT, mmTN } from "../backend/matmul";

/** x [..., in], weight [out, in], bias [out] → [..., out] (torch.nn.functional.linear). */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const [nOut, nIn] = weight.shape;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== nIn) {
    throw new ShapeError(
      `linear: input ${fmt(x.shape)} has ${x.shape[x.ndim - 1] ?? 0} features but the layer expects ${nIn} (weight ${fmt(weight.shape)})`,
    );
  }
  const rows = x.numel() / nIn;
  const X = x.data, W = weight.data, out = alloc(rows * nOut);
  if (bias) for (let r = 0; r < rows; r++) out.set(bias.data, r * nOut);
  mmNT(X, 0, W, 0, out, 0, rows, nIn, nOut);
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return record("AddmmBackward0", out, [...x.shape.slice(0, -1), nOut], inputs, (g) => {
    let gx: Float32Array | null = null, gw: Float32Array | null = null, gb: Float32Array | null = null;
    if (x.requiresGrad) mmNN(g, 0, W, 0, (gx = alloc(X.length)), 0, rows, nOut, nIn); // dX = G·W
    if (weight.requiresGrad) mmTN(g, 0, X, 0, (gw = alloc(W.length)), 0, nOut, rows, nIn); // dW = Gᵀ·X
    if (bias?.requiresGrad) {
      const acc = new Float64Array(nOut); // db = column sums of G, in float64 for large batches
      for (let r = 0; r < rows; r++) for (let j = 0; j < nOut; j++) acc[j] += g[r * nOut + j];
      (gb = alloc(nOut)).set(acc);
    }
    return [gx, gw, gb];
  });
}
