// Vector p-norms over some dims, accumulated in float64: (Σ|x|ᵖ)^(1/p), max |x| for p = ∞, min |x| for p = −∞.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { type Dims, reduction } from "./reduction";

const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

/** The p-norm of `a` over `dims` (PyTorch's `torch.norm(p, dim, keepdim)`, a vector norm). */
export function norm(a: Tensor, p: number | "fro" = 2, dims?: Dims, keepDim = false): Tensor {
  const q = p === "fro" ? 2 : p;
  if (typeof q !== "number" || !(q > 0 || q === -Infinity)) {
    throw new RangeError(`norm: p must be a number > 0, Infinity, -Infinity or "fro", got ${String(p)}; e.g. x.norm(2), x.norm(1), x.norm(Infinity)`);
  }
  const { slot, slots, shape } = reduction("norm", a, dims, keepDim);
  const x = a.data, acc = new Float64Array(slots);
  const out = alloc(slots);
  if (!Number.isFinite(q)) {
    // ±∞: the largest (smallest) |x|; the gradient is shared between ties, as in PyTorch.
    const big = q > 0;
    acc.fill(big ? 0 : Infinity);
    for (let i = 0; i < x.length; i++) {
      const v = Math.abs(x[i]), s = slot[i];
      if (acc[s] !== acc[s]) continue; // a NaN stays
      if (v !== v || (big ? v > acc[s] : v < acc[s])) acc[s] = v;
    }
    out.set(acc);
    const ties = new Int32Array(slots);
    for (let i = 0; i < x.length; i++) if (Math.abs(x[i]) === out[slot[i]]) ties[slot[i]]++;
    return record("NormBackward1", out, shape, [a], (g) => {
      const ga = alloc(x.length);
      for (let i = 0; i < ga.length; i++) {
        const s = slot[i];
        if (Math.abs(x[i]) === out[s]) ga[i] = (g[s] * sign(x[i])) / ties[s];
      }
      return [ga];
    });
  }
  for (let i = 0; i < x.length; i++) acc[slot[i]] += q === 2 ? x[i] * x[i] : q === 1 ? Math.abs(x[i]) : Math.abs(x[i]) ** q;
  for (let s = 0; s < slots; s++) out[s] = q === 2 ? Math.sqrt(acc[s]) : q === 1 ? acc[s] : acc[s] ** (1 / q);
  return record("NormBackward1", out, shape, [a], (g) => {
    const ga = alloc(x.length);
    for (let i = 0; i < ga.length; i++) {
      const s = slot[i], v = x[i];
      // ∂‖x‖ₚ/∂xᵢ = sign(xᵢ)·|xᵢ|ᵖ⁻¹ / ‖x‖ₚᵖ⁻¹; 0 where the norm is 0, as in PyTorch.
      if (q === 1) ga[i] = g[s] * sign(v);
      else if (out[s] !== 0) ga[i] = q === 2 ? (g[s] * v) / out[s] : (g[s] * sign(v) * Math.abs(v) ** (q - 1)) / out[s] ** (q - 1);
    }
    return [ga];
  });
}
