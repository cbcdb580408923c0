import { checkOptions, describe, requireOptions } from "../options";
import type { Optimizer } from "./optimizer";
import { LRScheduler, checkOptimizer } from "./scheduler";

/** Options of `optim.OneCycleLR` (PyTorch's names in camelCase). */
export interface OneCycleLROptions {
  /** The peak lr, or one per param group (required; PyTorch's `max_lr`). */
  maxLr: number | number[];
  /** Steps in the cycle (required, or give epochs and stepsPerEpoch); one more `step()` is an error. */
  totalSteps?: number;
  /** With stepsPerEpoch, totalSteps = epochs·stepsPerEpoch. */
  epochs?: number;
  /** With epochs, totalSteps = epochs·stepsPerEpoch. */
  stepsPerEpoch?: number;
  /** The fraction of the cycle spent going up (default 0.3). */
  pctStart?: number;
  /** "cos" (default) or "linear" annealing between the phase ends. */
  annealStrategy?: "cos" | "linear";
  /** Cycle the momentum (SGD's momentum, Adam's β₁) inversely to the lr (default true, as PyTorch). */
  cycleMomentum?: boolean;
  /** The lowest momentum, at the lr's peak (default 0.85). */
  baseMomentum?: number;
  /** The highest momentum, at the start and the end (default 0.95). */
  maxMomentum?: number;
  /** The starting lr is maxLr/divFactor (default 25). */
  divFactor?: number;
  /** The final lr is maxLr/(divFactor·finalDivFactor) (default 1e4). */
  finalDivFactor?: number;
  /** Up, back down to the start, then down to the final lr, instead of up then down (default false). */
  threePhase?: boolean;
}

interface Phase {
  endStep: number;
  startLr: "initial" | "max" | "min";
  endLr: "initial" | "max" | "min";
  startMomentum: "max" | "base";
  endMomentum: "max" | "base";
}

/** The 1cycle policy: lr up from maxLr/divFactor to maxLr, then down to far below the start; see `optim.OneCycleLR`. */
export class OneCycleLR extends LRScheduler {
  readonly totalSteps: number;
  readonly annealStrategy: "cos" | "linear";
  readonly cycleMomentum: boolean;
  private readonly phases: Phase[];
  private readonly lrs: { initial: number; max: number; min: number }[];
  private readonly momenta: { max: number; base: number }[];
  private readonly useBeta1: boolean;

  constructor(optimizer: Optimizer, options: OneCycleLROptions) {
    const name = "OneCycleLR";
    checkOptimizer(name, optimizer);
    const o = checkOptions(name, options, {
      maxLr: "checked", totalSteps: "count", epochs: "count", stepsPerEpoch: "count", pctStart: "probability", annealStrategy: ["cos", "linear"],
      cycleMomentum: "boolean", baseMomentum: "probability", maxMomentum: "probability", divFactor: "positive", finalDivFactor: "positive", threePhase: "boolean",
    });
    requireOptions(name, o, { maxLr: "0.1" });
    if (o.totalSteps === undefined) requireOptions(name, o, o.epochs === undefined ? { totalSteps: "100" } : { stepsPerEpoch: "10" });
    const total = o.totalSteps ?? o.epochs! * o.stepsPerEpoch!;
    const groups = optimizer.paramGroups.length;
    const perGroup = (key: string, v: unknown): number[] => {
      const list = Array.isArray(v) ? v : Array.from({ length: groups }, () => v);
      if (!list.every((x) => typeof x === "number" && Number.isFinite(x) && x >= 0)) throw new TypeError(`${name}: ${key} must be a number ≥ 0 or one per param group, not ${describe(v)}`);
      if (list.length !== groups) throw new RangeError(`${name}: ${key} has ${list.length} values for ${groups} param groups`);
      return list as number[];
    };
    const maxLrs = perGroup("maxLr", o.maxLr), div = o.divFactor ?? 25, finalDiv = o.finalDivFactor ?? 1e4;
    const pct = o.pctStart ?? 0.3;
    // PyTorch's phases: each ends at a step and goes from one named lr (and momentum) to another.
    const phases: Phase[] = o.threePhase
      ? [
          { endStep: pct * total - 1, startLr: "initial", endLr: "max", startMomentum: "max", endMomentum: "base" },
          { endStep: 2 * pct * total - 2, startLr: "max", endLr: "initial", startMomentum: "base", endMomentum: "max" },
          { endStep: total - 1, startLr: "initial", endLr: "min", startMomentum: "max", endMomentum: "max" },
        ]
      : [
          { endStep: pct * total - 1, startLr: "initial", endLr: "max", startMomentum: "max", endMomentum: "base" },
          { endStep: total - 1, startLr: "max", endLr: "min", startMomentum: "base", endMomentum: "max" },
        ];
    const cycle = o.cycleMomentum ?? true;
    const defaults = optimizer.defaults as Record<string, unknown>;
    if (cycle && !("momentum" in defaults) && !("betas" in defaults)) {
      throw new Error(`${name}: ${optimizer.constructor.name} has no momentum to cycle; pass { cycleMomentum: false }`);
    }
    const useBeta1 = "betas" in defaults;
    const bases = perGroup("baseMomentum", o.baseMomentum ?? 0.85);
    const momenta = perGroup("maxMomentum", o.maxMomentum ?? 0.95).map((max, i) => ({ max, base: bases[i] }));
    // As PyTorch, the starting lr becomes each group's initialLr before the base class reads it.
    const lrs = maxLrs.map((max) => ({ initial: max / div, max, min: max / div / finalDiv }));
    optimizer.paramGroups.forEach((g, i) => (g.initialLr = lrs[i].initial));
    if (cycle) optimizer.paramGroups.forEach((g, i) => setMomentum(g as unknown as Record<string, unknown>, useBeta1, momenta[i].max));
    super(name, optimizer);
    this.totalSteps = total;
    this.annealStrategy = o.annealStrategy ?? "cos";
    this.cycleMomentum = cycle;
    this.phases = phases;
    this.lrs = lrs;
    this.momenta = momenta;
    this.useBeta1 = useBeta1;
    this.initialStep();
  }

  private anneal(start: number, end: number, pct: number): number {
    return this.annealStrategy === "cos" ? end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
  }

  protected override getLr(): number[] {
    const t = this.lastEpoch;
    if (t > this.totalSteps) {
      throw new RangeError(`OneCycleLR: step ${t + 1} is past totalSteps ${this.totalSteps}; make the cycle as long as the training, e.g. { totalSteps: epochs * batchesPerEpoch }`);
    }
    return this.optimizer.paramGroups.map((g, k) => {
      let start = 0;
      for (const [i, phase] of this.phases.entries()) {
        if (t <= phase.endStep || i === this.phases.length - 1) {
          const pct = (t - start) / (phase.endStep - start);
          if (this.cycleMomentum) {
            const m = this.momenta[k];
            setMomentum(g as unknown as Record<string, unknown>, this.useBeta1, this.anneal(m[phase.startMomentum], m[phase.endMomentum], pct));
          }
          return this.anneal(this.lrs[k][phase.startLr], this.lrs[k][phase.endLr], pct);
        }
        start = phase.endStep;
      }
      throw new Error("unreachable");
    });
  }
}

function setMomentum(group: Record<string, unknown>, useBeta1: boolean, m: number): void {
  if (useBeta1) group.betas = [m, (group.betas as number[])[1]];
  else group.momentum = m;
}
