// Bounding elementwise: clamp to constants, and the elementwise minimum and maximum of two
// tensors. NaN stays NaN, as in PyTorch.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { reduceTo } from "../backend/broadcast";
import { asTensor, broadcastPair } from "./operand";

/** min(max(x, lo), hi); the gradient passes where lo ≤ x ≤ hi (bounds included), else 0. */
export function clamp(a: Tensor, lo?: number | null, hi?: number | null): Tensor {
  if ((lo === undefined || lo === null) && (hi === undefined || hi === null)) {
    throw new TypeError("clamp: give at least one bound, e.g. x.clamp(0, 1), x.clamp(0) or x.clamp(undefined, 1)");
  }
  for (const [name, v] of [["min", lo], ["max", hi]] as const) {
    if (v !== undefined && v !== null && typeof v !== "number") throw new TypeError(`clamp: ${name} must be a number, not ${typeof v}; for tensor bounds use x.maximum(min).minimum(max)`);
  }
  const min = lo ?? -Infinity, max = hi ?? Infinity;
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) {
    let v = x[i];
    if (v < min) v = min;
    if (v > max) v = max; // min > max gives max everywhere, as in PyTorch
    out[i] = v;
  }
  return record("ClampBackward1", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = x[i] >= min && x[i] <= max ? g[i] : 0;
    return [ga];
  });
}

function extreme(op: "maximum" | "minimum", a: Tensor, bIn: Tensor | number): Tensor {
  const b = asTensor(bIn), big = op === "maximum";
  const { x, y, shape } = broadcastPair(op, a, b);
  const out = alloc(x.length);
  for (let i = 0; i < out.length; i++) {
    const p = x[i], q = y[i];
    out[i] = p !== p || q !== q ? NaN : big ? (p >= q ? p : q) : p <= q ? p : q;
  }
  return record(big ? "MaximumBackward0" : "MinimumBackward0", out, shape, [a, b], (g) => {
    // PyTorch's rule: half to each on ties, all to the winner otherwise; with a NaN both get it all.
    const ga = alloc(g.length), gb = alloc(g.length);
    for (let i = 0; i < g.length; i++) {
      const p = x[i], q = y[i], share = p === q ? g[i] / 2 : g[i];
      ga[i] = (big ? p < q : p > q) ? 0 : share;
      gb[i] = (big ? p > q : p < q) ? 0 : share;
    }
    return [reduceTo(ga, shape, a.shape), reduceTo(gb, shape, b.shape)];
  });
}

export const maximum = (a: Tensor, b: Tensor | number) => extreme("maximum", a, b);
export const minimum = (a: Tensor, b: Tensor | number) => extreme("minimum", a, b);
