import { checkOptions, describe, requireOptions } from "../options";
import type { Optimizer } from "./optimizer";
import { LRScheduler, checkOptimizer } from "./scheduler";

/** Options of `optim.SequentialLR`. */
export interface SequentialLROptions {
  /** The schedulers, each made on the same optimizer, used one after the other (required). */
  schedulers: LRScheduler[];
  /** The steps at which the next scheduler takes over: one fewer than the schedulers, increasing (required). */
  milestones: number[];
}

/** Runs schedulers one after the other, switching at the milestones; see `optim.SequentialLR`. */
export class SequentialLR extends LRScheduler {
  readonly schedulers: LRScheduler[];
  readonly milestones: number[];

  constructor(optimizer: Optimizer, options: SequentialLROptions) {
    const name = "SequentialLR";
    checkOptimizer(name, optimizer);
    const o = checkOptions(name, options, { schedulers: "checked", milestones: "numbers" });
    requireOptions(name, o, { schedulers: "[warmup, cosine]", milestones: "[5]" });
    const list = o.schedulers!, m = o.milestones!;
    if (!Array.isArray(list) || list.length === 0) throw new TypeError(`${name}: schedulers must be a list of schedulers, e.g. [warmup, cosine], not ${describe(list)}`);
    list.forEach((s, i) => {
      if (!(s instanceof LRScheduler) || s instanceof SequentialLR) {
        throw new TypeError(`${name}: schedulers[${i}] must be a schedule such as optim.LinearLR(opt), not ${s instanceof SequentialLR ? "a SequentialLR" : describe(s)}`);
      }
      if (s.optimizer !== optimizer) throw new Error(`${name}: schedulers[${i}] was made on another optimizer; make each on the one given to SequentialLR`);
    });
    if (m.length !== list.length - 1) throw new RangeError(`${name}: got ${list.length} schedulers and ${m.length} milestones; give one milestone fewer than schedulers`);
    if (!m.every((x, i) => Number.isInteger(x) && x >= 0 && (i === 0 || x > m[i - 1]))) throw new RangeError(`${name}: milestones must be increasing whole numbers, not [${m.join(", ")}]`);
    super(name, optimizer);
    this.schedulers = [...list];
    this.milestones = [...m];
    // As PyTorch: back to the initial lrs, undo the first step the schedulers took when made, and start the first.
    this.lastEpoch = 0;
    for (const g of optimizer.paramGroups) g.lr = g.initialLr!;
    for (const s of list) s.lastEpoch--;
    list[0]["initialStep"]();
    this.setLrs(list[0].getLastLr());
  }

  protected override getLr(): number[] {
    return this.groupLrs();
  }

  override step(): void {
    if (arguments.length > 0) throw new TypeError(`SequentialLR.step() takes no argument; call it once per epoch, after optimizer.step()`);
    this.lastEpoch++;
    const idx = this.milestones.filter((m) => m <= this.lastEpoch).length, s = this.schedulers[idx];
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) s["stepAt"](0);
    else s.step();
    this.setLrs(s.getLastLr());
  }
}
