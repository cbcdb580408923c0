import { Tensor } from "../tensor";
import { alloc } from "../storage";

/**
 * Rescale gradients so that their combined L2 norm is at most `maxNorm`
 * (torch.nn.utils.clip_grad_norm_). Call it between `backward()` and `step()`.
 * Returns the total norm before clipping, ‖g‖ = √(Σ over all parameters of Σ g²), as a
 * scalar tensor. When ‖g‖ > maxNorm every gradient is multiplied by maxNorm / (‖g‖ + 1e-6).
 * @example loss.backward(); const norm = nn.clipGradNorm(net.parameters(), 1.0); opt.step();
 */
export function clipGradNorm(params: Iterable<Tensor> | Tensor, maxNorm: number): Tensor {
  const list = params instanceof Tensor ? [params] : [...params];
  let sq = 0;
  for (const p of list) if (p.grad) for (const v of p.grad.data) sq += v * v;
  const total = Math.sqrt(sq);
  const coef = maxNorm / (total + 1e-6);
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
 * `backward()` and `step()`.
 * @example loss.backward(); nn.clipGradValue(net.parameters(), 0.5); opt.step();
 */
export function clipGradValue(params: Iterable<Tensor> | Tensor, clipValue: number): void {
  if (typeof clipValue !== "number" || !(clipValue >= 0) || !Number.isFinite(clipValue)) {
    throw new TypeError(`clipGradValue: clipValue must be a number ≥ 0, not ${String(clipValue)}`);
  }
  const list = params instanceof Tensor ? [params] : [...params];
  for (const p of list) {
    if (!p.grad) continue;
    const g = p.grad.data;
    for (let i = 0; i < g.length; i++) g[i] = Math.min(clipValue, Math.max(-clipValue, g[i]));
  }
}
