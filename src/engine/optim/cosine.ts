import { checkOptions, describe, requireOptions } from "../options";
import type { Optimizer } from "./optimizer";
import { LRScheduler } from "./scheduler";

/** Options of `optim.CosineAnnealingLR`. */
export interface CosineAnnealingLROptions {
  /** Steps of half a cosine, from the base lr down to etaMin (required; PyTorch's `T_max`). */
  tMax: number;
  /** The lowest lr (default 0; PyTorch's `eta_min`). */
  etaMin?: number;
}

/** Half a cosine from the base lr down to etaMin over tMax steps, then back up; see `optim.CosineAnnealingLR`. */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    const o = checkOptions("CosineAnnealingLR", options, { tMax: "count", etaMin: "nonNegative" });
    requireOptions("CosineAnnealingLR", o, { tMax: "100" });
    super("CosineAnnealingLR", optimizer);
    this.tMax = o.tMax!;
    this.etaMin = o.etaMin ?? 0;
    this.initialStep();
  }

  protected override getLr(): number[] {
    const { tMax: T, etaMin: min, lastEpoch: t } = this, lrs = this.groupLrs();
    if (t === 0) return lrs;
    // At the bottom of the cosine the ratio below is 0/0: PyTorch adds the first step up instead.
    if ((t - 1 - T) % (2 * T) === 0) return lrs.map((lr, i) => lr + ((this.baseLrs[i] - min) * (1 - Math.cos(Math.PI / T))) / 2);
    return lrs.map((lr) => ((1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T))) * (lr - min) + min);
  }

  protected override closedFormLr(): number[] {
    const { tMax: T, etaMin: min, lastEpoch: t } = this;
    return this.baseLrs.map((b) => min + ((b - min) * (1 + Math.cos((Math.PI * t) / T))) / 2);
  }
}

/** Options of `optim.CosineAnnealingWarmRestarts`. */
export interface CosineAnnealingWarmRestartsOptions {
  /** Steps until the first restart (required; PyTorch's `T_0`). */
  t0: number;
  /** Each period is tMult times the one before (default 1; PyTorch's `T_mult`). */
  tMult?: number;
  /** The lowest lr (default 0; PyTorch's `eta_min`). */
  etaMin?: number;
}

/** Cosine from the base lr to etaMin over t0 steps, then a restart, each period tMult times longer; see `optim.CosineAnnealingWarmRestarts`. */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  readonly t0: number;
  readonly tMult: number;
  readonly etaMin: number;
  /** Steps since the last restart (PyTorch's `T_cur`; fractional after `step(epoch)` with a fraction). */
  tCur = -1;
  /** The length of the current period (PyTorch's `T_i`). */
  tI: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingWarmRestartsOptions) {
    const o = checkOptions("CosineAnnealingWarmRestarts", options, { t0: "count", tMult: "count", etaMin: "nonNegative" });
    requireOptions("CosineAnnealingWarmRestarts", o, { t0: "10" });
    super("CosineAnnealingWarmRestarts", optimizer);
    this.t0 = this.tI = o.t0!;
    this.tMult = o.tMult ?? 1;
    this.etaMin = o.etaMin ?? 0;
    this.initialStep();
  }

  protected override getLr(): number[] {
    return this.baseLrs.map((b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.tCur) / this.tI))) / 2);
  }

  /**
   * Advance one step, or go to `epoch` (PyTorch's `step(epoch)`, which may be fractional to restart within an
   * epoch: `sched.step(epoch + i / iters)` after batch i).
   */
  override step(epoch?: number): void {
    if (epoch !== undefined && (typeof epoch !== "number" || !Number.isFinite(epoch) || epoch < 0)) {
      throw new RangeError(`CosineAnnealingWarmRestarts.step: epoch must be a number ≥ 0, not ${describe(epoch)}`);
    }
    this.stepCount++;
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.tCur++;
      if (this.tCur >= this.tI) {
        this.tCur -= this.tI;
        this.tI *= this.tMult;
      }
    } else if (epoch >= this.t0) {
      if (this.tMult === 1) this.tCur = epoch % this.t0;
      else {
        const n = Math.floor(Math.log((epoch / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult));
        this.tCur = epoch - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1);
        this.tI = this.t0 * this.tMult ** n;
      }
    } else {
      this.tI = this.t0;
      this.tCur = epoch;
    }
    this.lastEpoch = Math.floor(epoch);
    this.setLrs(this.getLr());
  }

  protected override stepAt(epoch: number): void {
    this.step(epoch);
  }
}
