import { alloc } from "../storage";
import { Optimizer, type ParamGroup, type Params } from "./optimizer";

/** Options of `optim.Adagrad` (PyTorch's names in camelCase); each may also be set per param group. */
export interface AdagradOptions {
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Learning-rate decay: step t uses lr/(1 + (t − 1)·lrDecay) (default 0). */
  lrDecay?: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay?: number;
  /** Starting value of the sum of squared gradients (default 0). */
  initialAccumulatorValue?: number;
  /** Added to √sum to avoid dividing by 0 (default 1e-10). */
  eps?: number;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize?: boolean;
}

/** One parameter group of `optim.Adagrad`. */
export interface AdagradParamGroup extends ParamGroup, Required<Omit<AdagradOptions, "lr">> {}

interface AdagradState {
  step: number;
  sum: Float32Array;
}

const KINDS = { lr: "nonNegative", lrDecay: "nonNegative", weightDecay: "nonNegative", initialAccumulatorValue: "nonNegative", eps: "nonNegative", maximize: "boolean" } as const;

/** Adagrad; see `optim.Adagrad`. */
export class Adagrad extends Optimizer<AdagradParamGroup, AdagradState> {
  constructor(params: Params<AdagradOptions>, options?: AdagradOptions) {
    super("Adagrad", params, options, KINDS, { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false });
    // As PyTorch, the sums start at construction, from each group's initialAccumulatorValue.
    for (const group of this.paramGroups) {
      for (const p of group.params) this.state.set(p, { step: 0, sum: alloc(p.numel()).fill(group.initialAccumulatorValue) });
    }
  }

  protected override update(): void {
    for (const group of this.paramGroups) {
      const { lr, lrDecay, eps, weightDecay: wd, maximize } = group;
      for (const p of group.params) {
        if (p.grad === null) continue;
        const w = p.data, g = p.grad.data, s = this.stateOf(p, () => ({ step: 0, sum: alloc(w.length) }));
        s.step++;
        const clr = lr / (1 + (s.step - 1) * lrDecay), sum = s.sum;
        for (let i = 0; i < w.length; i++) {
          const gi = (maximize ? -g[i] : g[i]) + wd * w[i];
          sum[i] += gi * gi; // Σ ← Σ + g²
          w[i] -= (clr * gi) / (Math.sqrt(sum[i]) + eps); // w ← w − lr·g/(√Σ + ε)
        }
      }
    }
  }
}
