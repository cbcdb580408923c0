// Activations of the layers that have no Tensor method: ELU, softplus, and GELU's tanh approximation, each one
// op with its derivative (PyTorch's formulas and thresholds).
import type { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";

function elementwise(name: string, x: Tensor, f: (v: number) => number, df: (v: number, y: number) => number): Tensor {
  const d = x.data, n = d.length, out = alloc(n);
  for (let i = 0; i < n; i++) out[i] = f(d[i]);
  return record(name, out, x.shape.slice(), [x], (g) => {
    const gx = alloc(n);
    for (let i = 0; i < n; i++) gx[i] = g[i] * df(d[i], out[i]);
    return [gx];
  });
}

/** ELU: x for x > 0, else α(eˣ − 1); derivative 1, else α·eˣ (torch.nn.functional.elu). */
export function elu(x: Tensor, alpha: number): Tensor {
  return elementwise("EluBackward0", x, (v) => (v > 0 ? v : alpha * Math.expm1(v)), (v, y) => (v > 0 ? 1 : y + alpha));
}

/** Softplus: log(1 + e^(βx))/β, and x itself where βx > threshold, as torch; derivative σ(βx). */
export function softplus(x: Tensor, beta: number, threshold: number): Tensor {
  return elementwise(
    "SoftplusBackward0",
    x,
    (v) => (v * beta > threshold ? v : (Math.max(v * beta, 0) + Math.log1p(Math.exp(-Math.abs(v * beta)))) / beta),
    (v) => (v * beta > threshold ? 1 : 1 / (1 + Math.exp(-v * beta))),
  );
}

const K = Math.sqrt(2 / Math.PI);

/** GELU's tanh form, ½x(1 + tanh(√(2/π)(x + 0.044715x³))), as torch's `approximate="tanh"`. */
export function geluTanh(x: Tensor): Tensor {
  return elementwise(
    "GeluBackward0",
    x,
    (v) => 0.5 * v * (1 + Math.tanh(K * (v + 0.044715 * v * v * v))),
    (v) => {
      const t = Math.tanh(K * (v + 0.044715 * v * v * v));
      return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * K * (1 + 3 * 0.044715 * v * v);
    },
  );
}
