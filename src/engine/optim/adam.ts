import type { Tensor } from "../tensor";
import { alloc } from "../storage";
import { Optimizer } from "./optimizer";

/** Options of `optim.Adam` and `optim.AdamW`. */
export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr?: number;
  /** Decay rates of the running averages of g and g² (default [0.9, 0.999]). */
  betas?: [number, number];
  /** Added to √v̂ to avoid dividing by 0 (default 1e-8). */
  eps?: number;
  /** Adam: L2 penalty added to the gradient (default 0). AdamW: decoupled decay (default 0.01). */
  weightDecay?: number;
}

/** Adam, and AdamW when `decoupled`; see `optim.Adam`. */
export class Adam extends Optimizer {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  private t = 0;
  private m: Float32Array[];
  private v: Float32Array[];

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}, private readonly decoupled = false) {
    super(params, options.lr ?? 1e-3);
    this.betas = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? (decoupled ? 0.01 : 0);
    this.m = this.params.map((p) => alloc(p.numel()));
    this.v = this.params.map((p) => alloc(p.numel()));
  }

  override step(): void {
    const { lr, eps, weightDecay: wd, decoupled } = this, [b1, b2] = this.betas;
    this.t++;
    const c1 = 1 - b1 ** this.t, c2 = Math.sqrt(1 - b2 ** this.t);
    this.params.forEach((p, k) => {
      if (p.grad === null) return;
      const w = p.data, g = p.grad.data, m = this.m[k], v = this.v[k];
      for (let i = 0; i < w.length; i++) {
        if (decoupled) w[i] *= 1 - lr * wd; // AdamW: shrink the weight directly
        const gi = decoupled ? g[i] : g[i] + wd * w[i]; // Adam: L2 in the gradient
        m[i] = b1 * m[i] + (1 - b1) * gi; // m ← β₁m + (1 − β₁)g
        v[i] = b2 * v[i] + (1 - b2) * gi * gi; // v ← β₂v + (1 − β₂)g²
        w[i] -= (lr / c1) * (m[i] / (Math.sqrt(v[i]) / c2 + eps)); // w ← w − lr·m̂/(√v̂ + ε)
      }
    });
  }
}

/** Adam with decoupled weight decay; see `optim.AdamW`. */
export class AdamW extends Adam {
  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params, options, true);
  }
}
