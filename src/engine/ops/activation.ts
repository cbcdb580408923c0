// Activation functions, each with its derivative beside it.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { erf } from "./erf";
import { reluGradInto, reluInto } from "../backend/relu";

export function relu(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  reluInto(x, out);
  return record("ReluBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    reluGradInto(x, g, ga);
    return [ga];
  });
}

export function leakyRelu(a: Tensor, alpha = 0.01): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] > 0 ? x[i] : alpha * x[i];
  return record("LeakyReluBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = x[i] > 0 ? g[i] : alpha * g[i];
    return [ga];
  });
}

export function sigmoid(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  // In float64, exp(−x) overflowing to Infinity gives exactly 0, so one form serves every x, with no branch.
  for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
  return record("SigmoidBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = g[i] * out[i] * (1 - out[i]); // σ' = σ(1 − σ)
    return [ga];
  });
}

export function tanh(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.tanh(x[i]);
  return record("TanhBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = g[i] * (1 - out[i] * out[i]); // tanh' = 1 − tanh²
    return [ga];
  });
}

const INV_SQRT2 = Math.SQRT1_2, INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Exact GELU, x·Φ(x), torch's default (approximate="none"). */
export function gelu(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = 0.5 * x[i] * (1 + erf(x[i] * INV_SQRT2));
  return record("GeluBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) {
      const v = x[i];
      // d/dx x·Φ(x) = Φ(x) + x·φ(x)
      ga[i] = g[i] * (0.5 * (1 + erf(v * INV_SQRT2)) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v));
    }
    return [ga];
  });
}

/** SiLU (swish): x·σ(x). */
export function silu(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length), sig = alloc(x.length);
  for (let i = 0; i < out.length; i++) {
    sig[i] = x[i] >= 0 ? 1 / (1 + Math.exp(-x[i])) : Math.exp(x[i]) / (1 + Math.exp(x[i]));
    out[i] = x[i] * sig[i];
  }
  return record("SiluBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = g[i] * sig[i] * (1 + x[i] * (1 - sig[i])); // σ(1 + x(1 − σ))
    return [ga];
  });
}

/** Heaviside step: 1 where x ≥ 0, else 0. Its derivative is 0 everywhere it exists. */
export function step(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] >= 0 ? 1 : 0;
  return record("StepBackward0", out, a.shape.slice(), [a], (g) => [alloc(g.length)]);
}
