import { alloc } from "../storage";
import { adamStep } from "../backend/adamStep";
import { Optimizer, type ParamGroup, type Params } from "./optimizer";

/** Options of `optim.Adam` and `optim.AdamW` (PyTorch's names in camelCase); each may also be set per param group. */
export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr?: number;
  /** Decay rates β₁, β₂ of the running averages of g and g², each in [0, 1) (default [0.9, 0.999]). */
  betas?: [number, number];
  /** Added to √v̂ to avoid dividing by 0 (default 1e-8). */
  eps?: number;
  /** Adam: L2 penalty λ added to the gradient (default 0). AdamW: decoupled decay (default 0.01). */
  weightDecay?: number;
  /** AMSGrad: divide by the largest v̂ so far instead of the current one (default false). */
  amsgrad?: boolean;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize?: boolean;
}

/** One parameter group of `optim.Adam` / `optim.AdamW`. */
export interface AdamParamGroup extends ParamGroup, Required<Omit<AdamOptions, "lr">> {}

interface AdamState {
  step: number;
  expAvg: Float32Array;
  expAvgSq: Float32Array;
  maxExpAvgSq: Float32Array | null;
}

const KINDS = { lr: "nonNegative", betas: "numbers", eps: "nonNegative", weightDecay: "nonNegative", amsgrad: "boolean", maximize: "boolean" } as const;

/** Adam, and AdamW when `decoupled`; see `optim.Adam`. */
export class Adam extends Optimizer<AdamParamGroup, AdamState> {
  constructor(params: Params<AdamOptions>, options?: AdamOptions, private readonly decoupled = false) {
    const defaults = { lr: 1e-3, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weightDecay: decoupled ? 0.01 : 0, amsgrad: false, maximize: false };
    super(decoupled ? "AdamW" : "Adam", params, options, KINDS, defaults);
  }

  protected override checkGroup(g: AdamParamGroup, where: string): void {
    const b = g.betas;
    if (!Array.isArray(b) || b.length !== 2 || !b.every((x) => x >= 0 && x < 1)) {
      throw new RangeError(`${where} betas must be two numbers in [0, 1), e.g. [0.9, 0.999], not [${Array.isArray(b) ? b.join(", ") : b}]`);
    }
  }

  protected override update(): void {
    for (const group of this.paramGroups) {
      const { lr, eps, weightDecay: wd, amsgrad, maximize } = group, [b1, b2] = group.betas, decoupled = this.decoupled;
      for (const p of group.params) {
        if (p.grad === null) continue;
        const w = p.data, g = p.grad.data, n = w.length;
        const s = this.stateOf(p, () => ({ step: 0, expAvg: alloc(n), expAvgSq: alloc(n), maxExpAvgSq: null }));
        const m = s.expAvg, v = s.expAvgSq, vmax = amsgrad ? (s.maxExpAvgSq ??= alloc(n)) : null;
        s.step++;
        const stepSize = lr / (1 - b1 ** s.step), c2 = Math.sqrt(1 - b2 ** s.step);
        adamStep(w, g, m, v, vmax, { beta1: b1, beta2: b2, eps, stepSize, biasCorrection2Sqrt: c2, weightDecay: wd, decoupled, lr, maximize });
      }
    }
  }
}

/** Adam with decoupled weight decay; see `optim.AdamW`. */
export class AdamW extends Adam {
  constructor(params: Params<AdamOptions>, options?: AdamOptions) {
    super(params, options, true);
  }
}
