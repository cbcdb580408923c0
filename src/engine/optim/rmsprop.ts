import type { Tensor } from "../tensor";
import { alloc } from "../storage";
import { Optimizer } from "./optimizer";

/** Options of `optim.RMSprop`. */
export interface RMSpropOptions {
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Decay rate of the running average of g² (default 0.99). */
  alpha?: number;
  /** Added to the root mean square to avoid dividing by 0 (default 1e-8). */
  eps?: number;
  /** Momentum on the scaled step (default 0). */
  momentum?: number;
  /** Divide by the running variance of g instead of its mean square (default false). */
  centered?: boolean;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
}

/** RMSprop; see `optim.RMSprop`. */
export class RMSprop extends Optimizer {
  alpha: number;
  eps: number;
  momentum: number;
  centered: boolean;
  weightDecay: number;
  private sq: Float32Array[];
  private avg: Float32Array[];
  private buf: Float32Array[];

  constructor(params: Iterable<Tensor>, options: RMSpropOptions = {}) {
    super(params, options.lr ?? 0.01);
    this.alpha = options.alpha ?? 0.99;
    this.eps = options.eps ?? 1e-8;
    this.momentum = options.momentum ?? 0;
    this.centered = options.centered ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    this.sq = this.params.map((p) => alloc(p.numel()));
    this.avg = this.params.map((p) => alloc(p.numel()));
    this.buf = this.params.map((p) => alloc(p.numel()));
  }

  override step(): void {
    const { lr, alpha: a, eps, momentum: mu, centered, weightDecay: wd } = this;
    this.params.forEach((p, k) => {
      if (p.grad === null) return;
      const w = p.data, g = p.grad.data, sq = this.sq[k], avg = this.avg[k], buf = this.buf[k];
      for (let i = 0; i < w.length; i++) {
        const gi = g[i] + wd * w[i];
        sq[i] = a * sq[i] + (1 - a) * gi * gi; // s ← αs + (1 − α)g²
        let denom: number;
        if (centered) {
          avg[i] = a * avg[i] + (1 - a) * gi;
          denom = Math.sqrt(sq[i] - avg[i] * avg[i]) + eps;
        } else denom = Math.sqrt(sq[i]) + eps;
        if (mu > 0) {
          buf[i] = mu * buf[i] + gi / denom;
          w[i] -= lr * buf[i];
        } else w[i] -= (lr * gi) / denom; // w ← w − lr·g/(√s + ε)
      }
    });
  }
}
