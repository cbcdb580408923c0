// Elementwise choice: where(cond, a, b) takes a where cond is nonzero, else b, all three broadcast.
import { traced } from "../tracing";
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { broadcastShapes } from "../shape";
import { expand, reduceTo } from "../backend/broadcast";
import { asTensor } from "./operand";

/**
 * a where `cond` is nonzero (true), else b, elementwise (PyTorch's `torch.where(cond, a, b)`); cond, a and b
 * broadcast together, a and b may be numbers. `cond` is usually a comparison (`x.gt(0)`). The gradient goes
 * to a where cond holds and to b elsewhere; cond gets none.
 * @example where(x.gt(0), x, x.mul(0.1)) // leaky ReLU
 * @example where(mask, pred, 0)
 */
export function where(cond: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  return traced("where", [cond, a, b], () => {
    if (!(cond instanceof Tensor)) {
      throw new TypeError(`where: the condition must be a Tensor (e.g. x.gt(0)), got ${typeof cond}; where(cond, a, b) takes a where cond is nonzero`);
    }
    const x = asTensor(a), y = asTensor(b);
    const shape = broadcastShapes("where", cond.shape, broadcastShapes("where", x.shape, y.shape));
    const c = expand(cond.data, cond.shape, shape), xs = expand(x.data, x.shape, shape), ys = expand(y.data, y.shape, shape);
    const out = alloc(c.length);
    for (let i = 0; i < out.length; i++) out[i] = c[i] !== 0 ? xs[i] : ys[i];
    return record("WhereBackward0", out, shape, [x, y], (g) => {
      const gx = alloc(g.length), gy = alloc(g.length);
      for (let i = 0; i < g.length; i++) {
        if (c[i] !== 0) gx[i] = g[i];
        else gy[i] = g[i];
      }
      return [reduceTo(gx, shape, x.shape), reduceTo(gy, shape, y.shape)];
    });
  });
}
