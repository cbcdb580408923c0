import { checkOptions, describe, requireOptions } from "../options";
import { Optimizer } from "./optimizer";

/**
 * What every learning-rate schedule shares (PyTorch's `_LRScheduler`). Each `step()` sets every group's lr from
 * its current value (PyTorch's chainable `get_lr()`), so several schedulers on one optimizer compose as in
 * PyTorch. Made, it records each group's `initialLr` (the base lrs) and takes its first step, as PyTorch does.
 * Call `step()` after `optimizer.step()`, once per epoch (or per batch, as you choose).
 * A schedule of your own extends it: a constructor that calls `super(name, optimizer)`, sets its fields and ends
 * with `this.initialStep()`, and `getLr()`, each group's next lr.
 * @example class Halve extends optim.LRScheduler { constructor(o) { super("Halve", o); this.initialStep(); } getLr() { return this.optimizer.paramGroups.map((g) => (this.lastEpoch ? g.lr / 2 : g.lr)); } }
 */
export abstract class LRScheduler {
  /** The optimizer whose groups' lrs this changes. */
  readonly optimizer: Optimizer;
  /** Each group's `initialLr` when this was made (PyTorch's `base_lrs`). */
  readonly baseLrs: number[];
  /** How many times `step()` has been called since it was made (PyTorch's `last_epoch`). */
  lastEpoch = -1;
  /** Steps taken, the initial one included (PyTorch's `_step_count`). */
  protected stepCount = 0;
  private lastLr: number[] = [];

  protected constructor(protected readonly name: string, optimizer: Optimizer) {
    this.optimizer = checkOptimizer(name, optimizer);
    for (const g of optimizer.paramGroups) g.initialLr ??= g.lr;
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr!);
  }

  /** Each group's next lr, from its current one and `lastEpoch` (PyTorch's chainable `get_lr()`). */
  protected abstract getLr(): number[];

  /** Each group's lr at `lastEpoch` from the base lrs (PyTorch's `_get_closed_form_lr`), used by SequentialLR. */
  protected closedFormLr(): number[] {
    return this.getLr();
  }

  /** The first step, taken when made (PyTorch's `_initial_step`). */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** Advance one epoch and set each group's learning rate. */
  step(): void {
    if (arguments.length > 0) {
      throw new TypeError(`${this.name}.step() takes no argument (PyTorch's step(epoch) is deprecated); call it once per epoch, after optimizer.step()`);
    }
    this.stepCount++;
    this.lastEpoch++;
    this.setLrs(this.getLr());
  }

  /** Jump to `epoch` with the closed form (PyTorch's `step(epoch)`), as SequentialLR does at a milestone. */
  protected stepAt(epoch: number): void {
    this.stepCount++;
    this.lastEpoch = epoch;
    this.setLrs(this.closedFormLr());
  }

  protected setLrs(lrs: number[]): void {
    const bad = lrs.findIndex((lr) => !Number.isFinite(lr));
    if (bad >= 0) throw new RangeError(`${this.name}: the learning rate of group ${bad} would become ${lrs[bad]} at step ${this.lastEpoch}; check the options`);
    this.optimizer.paramGroups.forEach((g, i) => (g.lr = lrs[i]));
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The lr of each group after the last step (PyTorch's `get_last_lr()`). */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The optimizer's current learning rate (its first group's). */
  get lr(): number {
    return this.optimizer.lr;
  }

  protected groupLrs(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }
}

export function checkOptimizer(name: string, optimizer: unknown): Optimizer {
  if (!(optimizer instanceof Optimizer)) {
    throw new TypeError(`${name}: the first argument must be an optimizer, e.g. ${name}(optim.SGD(net.parameters(), { lr: 0.1 }), …), not ${describe(optimizer)}`);
  }
  return optimizer;
}

/** Options of `optim.StepLR`. */
export interface StepLROptions {
  /** Multiply the lr by gamma every stepSize steps (required; PyTorch's `step_size`). */
  stepSize: number;
  /** The factor (default 0.1). */
  gamma?: number;
}

/** lr ← lr·gamma every stepSize steps; see `optim.StepLR`. */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: StepLROptions) {
    const o = checkOptions("StepLR", options, { stepSize: "count", gamma: "nonNegative" });
    requireOptions("StepLR", o, { stepSize: "30" });
    super("StepLR", optimizer);
    this.stepSize = o.stepSize!;
    this.gamma = o.gamma ?? 0.1;
    this.initialStep();
  }

  protected override getLr(): number[] {
    const lrs = this.groupLrs();
    return this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0 ? lrs : lrs.map((lr) => lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}

/** Options of `optim.MultiStepLR`. */
export interface MultiStepLROptions {
  /** The steps at which to multiply the lr by gamma, increasing (required). */
  milestones: number[];
  /** The factor (default 0.1). */
  gamma?: number;
}

/** lr ← lr·gamma at each milestone; see `optim.MultiStepLR`. */
export class MultiStepLR extends LRScheduler {
  readonly milestones: number[];
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: MultiStepLROptions) {
    const o = checkOptions("MultiStepLR", options, { milestones: "numbers", gamma: "nonNegative" });
    requireOptions("MultiStepLR", o, { milestones: "[30, 80]" });
    const m = o.milestones!;
    if (!m.every((x, i) => Number.isInteger(x) && x >= 0 && (i === 0 || x >= m[i - 1]))) {
      throw new RangeError(`MultiStepLR: milestones must be increasing whole numbers ≥ 0, e.g. [30, 80], not [${m.join(", ")}]`);
    }
    super("MultiStepLR", optimizer);
    this.milestones = [...m];
    this.gamma = o.gamma ?? 0.1;
    this.initialStep();
  }

  protected override getLr(): number[] {
    // As PyTorch's Counter: a milestone given twice multiplies by gamma twice.
    const times = this.milestones.filter((m) => m === this.lastEpoch).length;
    return this.groupLrs().map((lr) => (times === 0 ? lr : lr * this.gamma ** times));
  }

  protected override closedFormLr(): number[] {
    const passed = this.milestones.filter((m) => m <= this.lastEpoch).length;
    return this.baseLrs.map((b) => b * this.gamma ** passed);
  }
}

/** Options of `optim.ExponentialLR`. */
export interface ExponentialLROptions {
  /** The factor applied at every step (required). */
  gamma: number;
}

/** lr ← lr·gamma every step; see `optim.ExponentialLR`. */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    const o = checkOptions("ExponentialLR", options, { gamma: "nonNegative" });
    requireOptions("ExponentialLR", o, { gamma: "0.9" });
    super("ExponentialLR", optimizer);
    this.gamma = o.gamma!;
    this.initialStep();
  }

  protected override getLr(): number[] {
    const lrs = this.groupLrs();
    return this.lastEpoch === 0 ? lrs : lrs.map((lr) => lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** this.lastEpoch);
  }
}

/** Options of `optim.LinearLR`. */
export interface LinearLROptions {
  /** The factor of the first step, in (0, 1] (default 1/3). */
  startFactor?: number;
  /** The factor reached after totalIters steps, in [0, 1] (default 1). */
  endFactor?: number;
  /** Steps from startFactor to endFactor (default 5). */
  totalIters?: number;
}

/** The lr's factor moves linearly from startFactor to endFactor over totalIters steps; see `optim.LinearLR`. */
export class LinearLR extends LRScheduler {
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;

  constructor(optimizer: Optimizer, options?: LinearLROptions) {
    const name = new.target.name; // LinearWarmup's messages say LinearWarmup
    const o = checkOptions(name, options, { startFactor: "probability", endFactor: "probability", totalIters: "index" });
    if (o.startFactor === 0) throw new RangeError(`${name}: startFactor must be > 0 (each step multiplies the lr by a ratio of factors), e.g. 0.01`);
    super(name, optimizer);
    this.startFactor = o.startFactor ?? 1 / 3;
    this.endFactor = o.endFactor ?? 1;
    this.totalIters = o.totalIters ?? 5;
    this.initialStep();
  }

  protected override getLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: n, lastEpoch: t } = this, lrs = this.groupLrs();
    if (t === 0) return lrs.map((lr) => lr * s);
    if (t > n) return lrs;
    return lrs.map((lr) => lr * (1 + (e - s) / (n * s + (t - 1) * (e - s))));
  }

  protected override closedFormLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: n, lastEpoch: t } = this;
    return this.baseLrs.map((b) => b * (n === 0 ? s : s + ((e - s) * Math.min(n, t)) / n));
  }
}

/** Options of `optim.LinearWarmup`. */
export interface LinearWarmupOptions {
  /** The lr goes base/steps, 2·base/steps, …, base over the first `steps` steps (required). */
  steps: number;
}

/** LinearLR from 1/steps to 1 over steps − 1 steps; see `optim.LinearWarmup`. */
export class LinearWarmup extends LinearLR {
  constructor(optimizer: Optimizer, options: LinearWarmupOptions) {
    const o = checkOptions("LinearWarmup", options, { steps: "count" });
    requireOptions("LinearWarmup", o, { steps: "10" });
    super(optimizer, { startFactor: 1 / o.steps!, endFactor: 1, totalIters: o.steps! - 1 });
  }
}

/** The factor of the base lr at a step: `(epoch) => number`. */
export type LrLambda = (epoch: number) => number;

/** Options of `optim.LambdaLR`. */
export interface LambdaLROptions {
  /** The factor of the base lr at each step, or one such function per param group (required; PyTorch's `lr_lambda`). */
  lrLambda: LrLambda | LrLambda[];
}

/** lr = initialLr·lrLambda(epoch); see `optim.LambdaLR`. */
export class LambdaLR extends LRScheduler {
  readonly lrLambdas: LrLambda[];

  constructor(optimizer: Optimizer, lrLambda: LrLambda | LrLambda[] | LambdaLROptions) {
    const groups = checkOptimizer("LambdaLR", optimizer).paramGroups.length;
    let fns: unknown = lrLambda;
    if (typeof lrLambda !== "function" && !Array.isArray(lrLambda)) {
      const o = checkOptions("LambdaLR", lrLambda, { lrLambda: "checked" });
      requireOptions("LambdaLR", o, { lrLambda: "(epoch) => 0.95 ** epoch" });
      fns = o.lrLambda;
    }
    const list = Array.isArray(fns) ? fns : Array.from({ length: groups }, () => fns);
    if (!list.every((f) => typeof f === "function")) {
      throw new TypeError(`LambdaLR: lrLambda must be a function of the epoch, e.g. (epoch) => 0.95 ** epoch, or a list of them, not ${describe(fns)}`);
    }
    if (list.length !== groups) throw new RangeError(`LambdaLR: got ${list.length} lrLambda functions for ${groups} param groups; give one per group, or one for all`);
    super("LambdaLR", optimizer);
    this.lrLambdas = list as LrLambda[];
    this.initialStep();
  }

  protected override getLr(): number[] {
    return this.baseLrs.map((b, i) => {
      const f = this.lrLambdas[i](this.lastEpoch);
      if (typeof f !== "number" || !Number.isFinite(f)) throw new TypeError(`LambdaLR: lrLambda(${this.lastEpoch}) returned ${describe(f)}; it must return a finite number, the factor of the base lr`);
      return b * f;
    });
  }
}
