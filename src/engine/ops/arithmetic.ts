// Elementwise arithmetic with NumPy broadcasting. Each backward sums the gradient
// back over the dims an operand was broadcast along (reduceTo).
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { reduceTo } from "../backend/broadcast";
import { asTensor, broadcastPair } from "./operand";

export function add(a: Tensor, bIn: Tensor | number): Tensor {
  const b = asTensor(bIn);
  const { x, y, shape } = broadcastPair("add", a, b);
  const out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] + y[i];
  return record("AddBackward0", out, shape, [a, b], (g) => [reduceTo(g, shape, a.shape), reduceTo(g, shape, b.shape)]);
}

export function sub(a: Tensor, bIn: Tensor | number): Tensor {
  const b = asTensor(bIn);
  const { x, y, shape } = broadcastPair("sub", a, b);
  const out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] - y[i];
  return record("SubBackward0", out, shape, [a, b], (g) => {
    const gb = alloc(g.length);
    for (let i = 0; i < g.length; i++) gb[i] = -g[i];
    return [reduceTo(g, shape, a.shape), reduceTo(gb, shape, b.shape)];
  });
}

export function mul(a: Tensor, bIn: Tensor | number): Tensor {
  const b = asTensor(bIn);
  const { x, y, shape } = broadcastPair("mul", a, b);
  const out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] * y[i];
  return record("MulBackward0", out, shape, [a, b], (g) => {
    const ga = alloc(g.length), gb = alloc(g.length);
    for (let i = 0; i < g.length; i++) {
      ga[i] = g[i] * y[i];
      gb[i] = g[i] * x[i];
    }
    return [reduceTo(ga, shape, a.shape), reduceTo(gb, shape, b.shape)];
  });
}

export function div(a: Tensor, bIn: Tensor | number): Tensor {
  const b = asTensor(bIn);
  const { x, y, shape } = broadcastPair("div", a, b);
  const out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i] / y[i];
  return record("DivBackward0", out, shape, [a, b], (g) => {
    const ga = alloc(g.length), gb = alloc(g.length);
    for (let i = 0; i < g.length; i++) {
      ga[i] = g[i] / y[i]; // d(x/y)/dx = 1/y
      gb[i] = (-g[i] * x[i]) / (y[i] * y[i]); // d(x/y)/dy = -x/y²
    }
    return [reduceTo(ga, shape, a.shape), reduceTo(gb, shape, b.shape)];
  });
}

export function pow(a: Tensor, bIn: Tensor | number): Tensor {
  const b = asTensor(bIn);
  const { x, y, shape } = broadcastPair("pow", a, b);
  const out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.pow(x[i], y[i]);
  return record("PowBackward0", out, shape, [a, b], (g) => {
    const ga = alloc(g.length);
    // d(xʸ)/dx = y·xʸ⁻¹; taken as 0 where y = 0, as torch does, so 0⁰ gives no NaN.
    for (let i = 0; i < g.length; i++) ga[i] = y[i] === 0 ? 0 : g[i] * y[i] * Math.pow(x[i], y[i] - 1);
    let gb: Float32Array | null = null;
    if (b.requiresGrad) {
      gb = alloc(g.length);
      // d(xʸ)/dy = xʸ·ln x; 0 where x = 0 and y ≥ 0 (torch's convention).
      for (let i = 0; i < g.length; i++) gb[i] = x[i] === 0 && y[i] >= 0 ? 0 : g[i] * out[i] * Math.log(x[i]);
    }
    return [reduceTo(ga, shape, a.shape), gb && reduceTo(gb, shape, b.shape)];
  });
}

export function neg(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = -x[i];
  return record("NegBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = -g[i];
    return [ga];
  });
}
