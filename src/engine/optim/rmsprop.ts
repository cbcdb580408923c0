import { alloc } from "../storage";
import { Optimizer, type ParamGroup, type Params } from "./optimizer";

/** Options of `optim.RMSprop` (PyTorch's names in camelCase); each may also be set per param group. */
export interface RMSpropOptions {
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Decay rate α of the running average of g² (default 0.99). */
  alpha?: number;
  /** Added to the root mean square to avoid dividing by 0 (default 1e-8). */
  eps?: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay?: number;
  /** Momentum μ on the scaled step (default 0). */
  momentum?: number;
  /** Divide by the running variance of g (s − ḡ²) instead of its mean square (default false). */
  centered?: boolean;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize?: boolean;
}

/** One parameter group of `optim.RMSprop`. */
export interface RMSpropParamGroup extends ParamGroup, Required<Omit<RMSpropOptions, "lr">> {}

interface RMSpropState {
  step: number;
  squareAvg: Float32Array;
  momentumBuffer: Float32Array | null;
  gradAvg: Float32Array | null;
}

const KINDS = { lr: "nonNegative", alpha: "nonNegative", eps: "nonNegative", weightDecay: "nonNegative", momentum: "nonNegative", centered: "boolean", maximize: "boolean" } as const;

/** RMSprop; see `optim.RMSprop`. */
export class RMSprop extends Optimizer<RMSpropParamGroup, RMSpropState> {
  constructor(params: Params<RMSpropOptions>, options?: RMSpropOptions) {
    super("RMSprop", params, options, KINDS, { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false });
  }

  protected override update(): void {
    for (const group of this.paramGroups) {
      const { lr, alpha: a, eps, momentum: mu, centered, weightDecay: wd, maximize } = group;
      for (const p of group.params) {
        if (p.grad === null) continue;
        const w = p.data, g = p.grad.data, n = w.length;
        const s = this.stateOf(p, () => ({ step: 0, squareAvg: alloc(n), momentumBuffer: null, gradAvg: null }));
        s.step++;
        const sq = s.squareAvg, avg = centered ? (s.gradAvg ??= alloc(n)) : null, buf = mu > 0 ? (s.momentumBuffer ??= alloc(n)) : null;
        for (let i = 0; i < n; i++) {
          const gi = (maximize ? -g[i] : g[i]) + wd * w[i];
          sq[i] = a * sq[i] + (1 - a) * gi * gi; // s ← αs + (1 − α)g²
          let denom: number;
          if (avg !== null) {
            avg[i] = a * avg[i] + (1 - a) * gi; // ḡ ← αḡ + (1 − α)g
            denom = Math.sqrt(sq[i] - avg[i] * avg[i]) + eps;
          } else denom = Math.sqrt(sq[i]) + eps;
          if (buf !== null) {
            buf[i] = mu * buf[i] + gi / denom; // b ← μb + g/(√s + ε)
            w[i] -= lr * buf[i];
          } else w[i] -= (lr * gi) / denom; // w ← w − lr·g/(√s + ε)
        }
      }
    }
  }
}
