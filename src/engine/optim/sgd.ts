import { alloc } from "../storage";
import { axpy } from "../backend/axpy";
import { Optimizer, type ParamGroup, type Params } from "./optimizer";

/** Options of `optim.SGD` (PyTorch's names in camelCase); each may also be set per param group. */
export interface SGDOptions {
  /** Learning rate η (required, as in PyTorch). */
  lr?: number;
  /** Momentum μ (default 0: plain gradient descent). */
  momentum?: number;
  /** Dampening τ of the momentum: v ← μv + (1 − τ)g (default 0). */
  dampening?: number;
  /** Nesterov momentum: step along g + μv instead of v (needs momentum > 0 and dampening 0). */
  nesterov?: boolean;
  /** L2 penalty λ: adds λ·w to each gradient (default 0). */
  weightDecay?: number;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize?: boolean;
}

/** One parameter group of `optim.SGD`. */
export interface SGDParamGroup extends ParamGroup, Required<Omit<SGDOptions, "lr">> {}

const KINDS = {
  lr: "nonNegative", momentum: "nonNegative", dampening: "number", nesterov: "boolean", weightDecay: "nonNegative", maximize: "boolean",
} as const;

interface SGDState {
  momentumBuffer: Float32Array | null;
}

/** Stochastic gradient descent with optional momentum; see `optim.SGD`. */
export class SGD extends Optimizer<SGDParamGroup, SGDState> {
  constructor(params: Params<SGDOptions>, options?: SGDOptions) {
    super("SGD", params, options, KINDS, { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false });
  }

  protected override checkGroup(g: SGDParamGroup, where: string): void {
    if (g.nesterov && (g.momentum <= 0 || g.dampening !== 0)) {
      throw new Error(`${where} nesterov needs momentum > 0 and dampening 0, e.g. { momentum: 0.9, nesterov: true }`);
    }
  }

  protected override update(): void {
    for (const group of this.paramGroups) {
      const { lr, momentum: mu, dampening, nesterov, weightDecay: wd, maximize } = group;
      for (const p of group.params) {
        if (p.grad === null) continue;
        const w = p.data, g = p.grad.data;
        if (mu === 0 && wd === 0) {
          // Plain gradient descent, the common case: w += −lr·g, in float32 as torch's param.add_(grad, alpha=-lr).
          axpy(w, g, maximize ? lr : -lr);
          continue;
        }
        const state = this.stateOf(p, () => ({ momentumBuffer: null }));
        const first = state.momentumBuffer === null;
        const buf = mu !== 0 ? (state.momentumBuffer ??= alloc(w.length)) : null;
        for (let i = 0; i < w.length; i++) {
          let d = (maximize ? -g[i] : g[i]) + wd * w[i]; // g + λw
          if (buf !== null) {
            buf[i] = first ? d : mu * buf[i] + (1 - dampening) * d; // v ← μv + (1 − τ)g, v₁ = g₁
            d = nesterov ? d + mu * buf[i] : buf[i];
          }
          w[i] -= lr * d;
        }
      }
    }
  }
}
