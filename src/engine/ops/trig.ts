// sin and cos elementwise, each with its derivative.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";

export function sin(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.sin(x[i]);
  return record("SinBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = g[i] * Math.cos(x[i]); // sin' = cos
    return [ga];
  });
}

export function cos(a: Tensor): Tensor {
  const x = a.data, out = alloc(x.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.cos(x[i]);
  return record("CosBackward0", out, a.shape.slice(), [a], (g) => {
    const ga = alloc(g.length);
    for (let i = 0; i < g.length; i++) ga[i] = -g[i] * Math.sin(x[i]); // cos' = −sin
    return [ga];
  });
}
