// Matrix product with torch.matmul's rules: 1-D operands are promoted to a row or a
// column and the extra dim dropped again; leading (batch) dims broadcast.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { ShapeError, fmt, sizeOf } from "../shape";
import { expand } from "../backend/broadcast";
import { mmNN, mmNT, mmTN } from "../backend/matmul";
import { reshape } from "./view";
import { dot, mv, requireRanks } from "./products";

export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(`matmul: both operands need at least 1 dim, got ${fmt(a.shape)} and ${fmt(b.shape)}`);
  }
  const k = a.shape[a.ndim - 1], kb = b.shape[b.ndim === 1 ? 0 : b.ndim - 2];
  if (k !== kb) throw new ShapeError(`matmul: cannot multiply ${fmt(a.shape)} by ${fmt(b.shape)} (${k} ≠ ${kb})`);
  if (a.ndim > 1 && b.ndim > 1) return batchedMatmul(a, b);
  if (a.ndim === 1 && b.ndim === 1) return dot(a, b);
  if (a.ndim === 2 && b.ndim === 1) return mv(a, b);
  const a2 = a.ndim === 1 ? reshape(a, [1, k]) : a;
  const b2 = b.ndim === 1 ? reshape(b, [k, 1]) : b;
  const out = batchedMatmul(a2, b2);
  const shape = out.shape.slice();
  if (b.ndim === 1) shape.pop();
  if (a.ndim === 1) shape.splice(shape.length - (b.ndim === 1 ? 1 : 2), 1);
  return reshape(out, shape);
}

/** [m, k] · [k, n] → [m, n], only 2-D (torch.mm). */
export function mm(a: Tensor, b: Tensor): Tensor {
  requireRanks("mm", a, b, 2, 2, "use matmul for vectors and batches");
  return matmul(a, b);
}

/** [...A, m, k] @ [...B, k, n] → [...broadcast(A, B), m, n]. */
function batchedMatmul(a: Tensor, b: Tensor): Tensor {
  const m = a.shape[a.ndim - 2], k = a.shape[a.ndim - 1], n = b.shape[b.ndim - 1];
  const aBatch = a.shape.slice(0, -2), bBatch = b.shape.slice(0, -2);
  const nd = Math.max(aBatch.length, bBatch.length);
  const batch: number[] = [];
  for (let i = nd; i >= 1; i--) {
    const x = aBatch[aBatch.length - i] ?? 1, y = bBatch[bBatch.length - i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new ShapeError(`matmul: cannot broadcast the batch dims of ${fmt(a.shape)} and ${fmt(b.shape)} (${x} ≠ ${y})`);
    }
    batch.push(x === 1 ? y : x);
  }
  const nb = sizeOf(batch);
  // Which matrix of a and of b each output matrix reads (broadcast index maps).
  const aIdx = expand(iota(sizeOf(aBatch)), aBatch, batch), bIdx = expand(iota(sizeOf(bBatch)), bBatch, batch);
  const A = a.data, B = b.data, out = alloc(nb * m * n);
  for (let t = 0; t < nb; t++) mmNN(A, aIdx[t] * m * k, B, bIdx[t] * k * n, out, t * m * n, m, k, n);
  return record("MmBackward0", out, [...batch, m, n], [a, b], (g) => {
    const ga = a.requiresGrad ? alloc(A.length) : null;
    const gb = b.requiresGrad ? alloc(B.length) : null;
    for (let t = 0; t < nb; t++) {
      if (ga) mmNT(g, t * m * n, B, bIdx[t] * k * n, ga, aIdx[t] * m * k, m, n, k); // dA = G·Bᵀ
      if (gb) mmTN(A, aIdx[t] * m * k, g, t * m * n, gb, bIdx[t] * k * n, k, m, n); // dB = Aᵀ·G
    }
    return [ga, gb];
  });
}

function iota(n: number): Float32Array {
  const x = alloc(n);
  for (let i = 0; i < n; i++) x[i] = i;
  return x;
}
