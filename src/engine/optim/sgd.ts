import type { Tensor } from "../tensor";
import { alloc } from "../storage";
import { Optimizer } from "./optimizer";

/** Options of `optim.SGD`. */
export interface SGDOptions {
  /** Learning rate η. */
  lr: number;
  /** Momentum μ (default 0: plain gradient descent). */
  momentum?: number;
  /** Nesterov momentum: look ahead along the velocity (needs momentum > 0). */
  nesterov?: boolean;
  /** L2 penalty λ: adds λ·w to each gradient (default 0). */
  weightDecay?: number;
}

/** Stochastic gradient descent with optional momentum; see `optim.SGD`. */
export class SGD extends Optimizer {
  momentum: number;
  nesterov: boolean;
  weightDecay: number;
  private buffers: (Float32Array | null)[];

  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    super(params, options.lr);
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    if (this.nesterov && this.momentum <= 0) throw new Error("SGD: nesterov needs momentum > 0");
    this.buffers = this.params.map(() => null);
  }

  override step(): void {
    const { lr, momentum: mu, nesterov, weightDecay: wd } = this;
    this.params.forEach((p, k) => {
      if (p.grad === null) return;
      const w = p.data, g = p.grad.data;
      let buf = this.buffers[k];
      const first = buf === null;
      if (mu !== 0 && buf === null) buf = this.buffers[k] = alloc(w.length);
      for (let i = 0; i < w.length; i++) {
        let d = g[i] + wd * w[i]; // g + λw
        if (buf !== null) {
          buf[i] = first ? d : mu * buf[i] + d; // v ← μv + g (v₁ = g₁; dampening 0)
          d = nesterov ? d + mu * buf[i] : buf[i];
        }
        w[i] -= lr * d;
      }
    });
  }
}
