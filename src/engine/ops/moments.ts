// Variance and standard deviation over some dims, two passes in float64 (mean first, then
// squared deviations), so large offsets do not cancel the digits that matter.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { type Dims, reduction } from "./reduction";

function moments(a: Tensor, dims: Dims, unbiased: boolean, keepDim: boolean, std: boolean): Tensor {
  const op = std ? "std" : "var";
  const { slot, slots, count, shape } = reduction(op, a, dims, keepDim);
  const x = a.data, mean = new Float64Array(slots), ss = new Float64Array(slots);
  for (let i = 0; i < x.length; i++) mean[slot[i]] += x[i];
  for (let s = 0; s < slots; s++) mean[s] /= count;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - mean[slot[i]];
    ss[slot[i]] += d * d;
  }
  // Bessel's correction (n − 1) unless unbiased is false; one element then gives NaN, as in PyTorch.
  const divisor = Math.max(count - (unbiased ? 1 : 0), 0);
  const out = alloc(slots);
  for (let s = 0; s < slots; s++) out[s] = std ? Math.sqrt(ss[s] / divisor) : ss[s] / divisor;
  return record(std ? "StdBackward0" : "VarBackward0", out, shape, [a], (g) => {
    const ga = alloc(x.length);
    for (let i = 0; i < ga.length; i++) {
      const s = slot[i];
      // ∂var/∂xᵢ = 2(xᵢ − mean)/divisor; ∂std/∂xᵢ = that / (2·std), 0 where std = 0 as in PyTorch.
      const dvar = (2 * (x[i] - mean[s])) / divisor;
      ga[i] = std ? (out[s] === 0 ? 0 : (g[s] * dvar) / (2 * out[s])) : g[s] * dvar;
    }
    return [ga];
  });
}

export function variance(a: Tensor, dims?: Dims, unbiased = true, keepDim = false): Tensor {
  return moments(a, dims, unbiased, keepDim, false);
}

export function std(a: Tensor, dims?: Dims, unbiased = true, keepDim = false): Tensor {
  return moments(a, dims, unbiased, keepDim, true);
}
