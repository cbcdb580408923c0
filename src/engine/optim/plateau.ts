import { Tensor } from "../tensor";
import { checkOptions, describe } from "../options";
import type { Optimizer } from "./optimizer";
import { checkOptimizer } from "./scheduler";

/** Options of `optim.ReduceLROnPlateau` (PyTorch's names in camelCase). */
export interface ReduceLROnPlateauOptions {
  /** "min" (default): lower metrics are better, as a loss; "max": higher are, as an accuracy. */
  mode?: "min" | "max";
  /** new lr = lr·factor, in [0, 1) (default 0.1). */
  factor?: number;
  /** Steps without improvement to wait before reducing (default 10). */
  patience?: number;
  /** How much better counts as better (default 1e-4). */
  threshold?: number;
  /** "rel" (default): better than best·(1 ∓ threshold); "abs": better than best ∓ threshold. */
  thresholdMode?: "rel" | "abs";
  /** Steps to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** The lowest lr, or one per param group (default 0). */
  minLr?: number | number[];
  /** A reduction smaller than eps is not made (default 1e-8). */
  eps?: number;
}

/** Divides the lr by 1/factor when a metric stops improving; see `optim.ReduceLROnPlateau`. */
export class ReduceLROnPlateau {
  readonly optimizer: Optimizer;
  readonly mode: "min" | "max";
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: "rel" | "abs";
  readonly cooldown: number;
  readonly minLrs: number[];
  readonly eps: number;
  /** The best metric so far (PyTorch's `best`). */
  best: number;
  /** Steps since the best (PyTorch's `num_bad_epochs`). */
  numBadEpochs = 0;
  /** Steps of cooldown left (PyTorch's `cooldown_counter`). */
  cooldownCounter = 0;
  /** How many times `step(metric)` has been called (PyTorch's `last_epoch`). */
  lastEpoch = 0;
  private lastLr: number[];

  constructor(optimizer: Optimizer, options?: ReduceLROnPlateauOptions) {
    const name = "ReduceLROnPlateau";
    this.optimizer = checkOptimizer(name, optimizer);
    const o = checkOptions(name, options, {
      mode: ["min", "max"], factor: "nonNegative", patience: "index", threshold: "nonNegative", thresholdMode: ["rel", "abs"],
      cooldown: "index", minLr: "checked", eps: "nonNegative",
    });
    this.mode = o.mode ?? "min";
    this.factor = o.factor ?? 0.1;
    if (this.factor >= 1) throw new RangeError(`${name}: factor must be < 1 (the lr is multiplied by it), e.g. 0.1, not ${this.factor}`);
    this.patience = o.patience ?? 10;
    this.threshold = o.threshold ?? 1e-4;
    this.thresholdMode = o.thresholdMode ?? "rel";
    this.cooldown = o.cooldown ?? 0;
    this.eps = o.eps ?? 1e-8;
    const groups = optimizer.paramGroups.length, minLr = o.minLr ?? 0;
    const list = Array.isArray(minLr) ? minLr : Array.from({ length: groups }, () => minLr);
    if (!list.every((x) => typeof x === "number" && Number.isFinite(x) && x >= 0)) throw new TypeError(`${name}: minLr must be a number ≥ 0 or one per param group, not ${describe(minLr)}`);
    if (list.length !== groups) throw new RangeError(`${name}: minLr has ${list.length} values for ${groups} param groups`);
    this.minLrs = list;
    this.best = this.mode === "min" ? Infinity : -Infinity;
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  /** Whether `a` beats `best` by more than the threshold. */
  isBetter(a: number, best: number): boolean {
    const { mode, threshold: th, thresholdMode: rel } = this;
    if (mode === "min") return rel === "rel" ? a < best * (1 - th) : a < best - th;
    return rel === "rel" ? a > best * (1 + th) : a > best + th;
  }

  /** Record this step's metric (a number or a one-element tensor, e.g. the validation loss) and reduce the lr if it has not improved for more than `patience` steps. */
  step(metric: number | Tensor): void {
    if (arguments.length === 0 || metric === undefined) {
      throw new TypeError("ReduceLROnPlateau.step(metric) needs the metric it watches, e.g. sched.step(valLoss) after each epoch");
    }
    const current = metric instanceof Tensor && metric.numel() === 1 ? metric.item() : metric;
    if (typeof current !== "number" || Number.isNaN(current)) {
      throw new TypeError(`ReduceLROnPlateau.step: the metric must be a number or a one-element tensor, not ${describe(metric)}`);
    }
    this.lastEpoch++;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs++;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0; // bad steps in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const next = Math.max(g.lr * this.factor, this.minLrs[i]);
        if (g.lr - next > this.eps) g.lr = next;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
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
}
