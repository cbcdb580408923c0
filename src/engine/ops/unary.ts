// Elementwise maths functions, each with its derivative.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";

export function exp(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(x[i]);
  return record("ExpBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = g[i] * out[i]; // (eˣ)' = eˣ
    return [ga];
  });
}

export function log(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.log(x[i]);
  return record("LogBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = g[i] / x[i]; // (ln x)' = 1/x
    return [ga];
  });
}

export function sqrt(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(x[i]);
  return record("SqrtBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = g[i] / (2 * out[i]); // (√x)' = 1/(2√x)
    return [ga];
  });
}

export function abs(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.abs(x[i]);
  return record("AbsBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = x[i] > 0 ? g[i] : x[i] < 0 ? -g[i] : 0; // sign(x), 0 at 0
    return [ga];
  });
}

export function square(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] * x[i];
  // PyTorch computes square as pow(x, 2), hence the name.
  return record("PowBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = 2 * g[i] * x[i]; // (x²)' = 2x
    return [ga];
  });
}

/** −1, 0 or 1 by the sign of x; 0 for NaN, as PyTorch 1.13 gives. Its gradient is 0. */
export function sign(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] > 0 ? 1 : x[i] < 0 ? -1 : 0;
  return record("SignBackward0", out, a.shape.slice(), [a], (g) => [alloc(g.length)]);
}
