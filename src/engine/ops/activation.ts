// Activation functions, each with its derivative beside it.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { erf } from "./erf";

export function relu(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  // (v + |v|)/2 is v or +0, exactly, with no branch on the sign (random signs mispredict half the time;
  // V8 compiles Math.max(v, 0) with branches on some processors: 6 ns against 1.7 a value). NaN stays NaN,
  // as in torch; -0 becomes 0; −∞, where the sum would be NaN, takes a branch that is almost never taken.
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    out[i] = v === -Infinity ? 0 : (v + Math.abs(v)) * 0.5;
  }
  return record("ReluBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    if (ga instanceof Float32Array && g instanceof Float32Array && g.length >= 64) {
      // g where x > 0 or x is NaN (as torch), else 0, as a bit mask: exact, and again without a branch.
      const gi = new Int32Array(g.buffer, g.byteOffset, g.length), gai = new Int32Array(ga.buffer, ga.byteOffset, ga.length);
      for (let i = 0; i < g.length; i++) gai[i] = gi[i] & -!(x[i] <= 0);
    } else for (let i = 0; i < g.length; i++) ga[i] = x[i] <= 0 ? 0 : g[i]; // 0 at x = 0, like torch
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
