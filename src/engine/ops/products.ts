// torch.dot and torch.mv, which only take vectors (and a matrix). They sum in float64: a long
// dot summed in float32 drifts by about one part in a hundred per million terms.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";

export function requireRanks(op: string, a: Tensor, b: Tensor, ra: number, rb: number, hint: string): void {
  const names = ["a scalar", "1-D (a vector)", "2-D (a matrix)"];
  if (a.ndim !== ra || b.ndim !== rb) {
    throw new ShapeError(
      `${op}: expects ${names[ra]} and ${names[rb]}, got ${fmt(a.shape)} and ${fmt(b.shape)}; ${hint}`,
    );
  }
}

/** Σᵢ aᵢbᵢ of two vectors of one length (torch.dot). */
export function dot(a: Tensor, b: Tensor): Tensor {
  requireRanks("dot", a, b, 1, 1, "use matmul (or mm, mv) for matrices");
  const n = a.shape[0];
  if (b.shape[0] !== n) throw new ShapeError(`dot: the vectors have different lengths, ${fmt(a.shape)} and ${fmt(b.shape)} (${n} ≠ ${b.shape[0]})`);
  const x = a.data, y = b.data, out = alloc(1);
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * y[i];
  out[0] = s;
  return record("DotBackward0", out, [], [a, b], (g) => {
    const ga = alloc(n), gb = alloc(n);
    for (let i = 0; i < n; i++) {
      ga[i] = g[0] * y[i];
      gb[i] = g[0] * x[i];
    }
    return [ga, gb];
  });
}

/** [m, k] · [k] → [m] (torch.mv). */
export function mv(a: Tensor, v: Tensor): Tensor {
  requireRanks("mv", a, v, 2, 1, "use matmul for other shapes");
  const [m, k] = a.shape;
  if (v.shape[0] !== k) throw new ShapeError(`mv: cannot multiply ${fmt(a.shape)} by ${fmt(v.shape)} (${k} ≠ ${v.shape[0]})`);
  const A = a.data, x = v.data, out = alloc(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0, r = i * k; j < k; j++) s += A[r + j] * x[j];
    out[i] = s;
  }
  return record("MvBackward0", out, [m], [a, v], (g) => {
    let ga: Float32Array | null = null, gv: Float32Array | null = null;
    if (a.requiresGrad) {
      ga = alloc(m * k); // outer product g ⊗ v
      for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) ga[i * k + j] = g[i] * x[j];
    }
    if (v.requiresGrad) {
      const acc = new Float64Array(k); // Aᵀg
      for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) acc[j] += A[i * k + j] * g[i];
      gv = alloc(k);
      gv.set(acc);
    }
    return [ga, gv];
  });
}
