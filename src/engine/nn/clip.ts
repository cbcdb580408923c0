import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { describe, positionalOrOption } from "../options";

/**
 * The bound given positionally, as PyTorch's `clip_grad_norm_(params, 1.0)`, or by name, as its keyword form
 * `max_norm=1.0`: a number ≥ 0 (`Infinity` clips nothing and only measures), never silently ignored.
 */
function bound(fn: string, arg: unknown, key: string, example: string): number {
  const value = positionalOrOption<unknown>(fn, arg, key, "checked", undefined);
  if (typeof value !== "number" || !(value >= 0)) {
    const given = value === undefined ? "nothing" : describe(value);
    throw new TypeError(`${fn}: ${key} must be a number ≥ 0, as in ${example}, not ${given}`);
  }
  return value;
}

/**
 * Rescale gradients so that their combined L2 norm is at most `maxNorm`
 * (torch.nn.utils.clip_grad_norm_). Call it between `backward()` and `step()`.
 * Returns the total norm before clipping, ‖g‖ = √(Σ over all parameters of Σ g²), as a
 * scalar tensor. When ‖g‖ > maxNorm every gradient is multiplied by maxNorm / (‖g‖ + 1e-6).
 * `maxNorm` is a number ≥ 0, given positionally or as `{ maxNorm }` (PyTorch's `max_norm=1.0`); `Infinity`
 * only measures the norm.
 * @example loss.backward(); const norm = nn.clipGradNorm(net.parameters(), 1.0); opt.step();
 * @example nn.utils.clipGradNorm(model.parameters(), { maxNorm: 1.0 })
 */
export function clipGradNorm(params: Iterable<Tensor> | Tensor, maxNorm: number | { maxNorm: number }): Tensor {
  const limit = bound("clipGradNorm", maxNorm, "maxNorm", "nn.clipGradNorm(net.parameters(), 1.0)");
  const list = params instanceof Tensor ? [params] : [...params];
  let sq = 0;
  for (const p of list) if (p.grad) for (const v of p.grad.data) sq += v * v;
  const total = Math.sqrt(sq);
  const coef = limit / (total + 1e-6);
  if (coef < 1) {
    for (const p of list) {
      if (!p.grad) continue;
      const g = p.grad.data;
      for (let i = 0; i < g.length; i++) g[i] *= coef;
    }
  }
  const out = alloc(1);
  out[0] = total;
  return new Tensor(out, []);
}

/**
 * Clamp every gradient element into [−clipValue, clipValue] (torch.nn.utils.clip_grad_value_). Call it between
 * `backward()` and `step()`. `clipValue` is a number ≥ 0, given positionally or as `{ clipValue }` (PyTorch's
 * `clip_value=0.5`).
 * @example loss.backward(); nn.clipGradValue(net.parameters(), 0.5); opt.step();
 */
export function clipGradValue(params: Iterable<Tensor> | Tensor, clipValue: number | { clipValue: number }): void {
  const limit = bound("clipGradValue", clipValue, "clipValue", "nn.clipGradValue(net.parameters(), 0.5)");
  const list = params instanceof Tensor ? [params] : [...params];
  for (const p of list) {
    if (!p.grad) continue;
    const g = p.grad.data;
    for (let i = 0; i < g.length; i++) g[i] = Math.min(limit, Math.max(-limit, g[i]));
  }
}
