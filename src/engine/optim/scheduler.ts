import type { Optimizer } from "./optimizer";

/** The learning rate after `epoch` calls to `step()`, given the starting rate. */
export type Schedule = (epoch: number, baseLr: number) => number;

/**
 * Changes an optimizer's learning rate as training goes on. Call `step()` once per epoch
 * (or per batch, as you choose), after `optimizer.step()`.
 */
export class LRScheduler {
  /** The learning rate the optimizer had when the schedule was made. */
  readonly baseLr: number;
  /** How many times `step()` has been called. */
  lastEpoch = 0;

  constructor(readonly optimizer: Optimizer, private readonly schedule: Schedule) {
    this.baseLr = optimizer.lr;
    optimizer.lr = schedule(0, this.baseLr);
  }

  /** Advance one epoch and set the optimizer's learning rate. */
  step(): void {
    this.lastEpoch++;
    this.optimizer.lr = this.schedule(this.lastEpoch, this.baseLr);
  }

  /** The current learning rate. */
  get lr(): number {
    return this.optimizer.lr;
  }
}

/** lr = baseLr · gamma^⌊epoch / stepSize⌋; see `optim.StepLR`. */
export class StepLR extends LRScheduler {
  constructor(optimizer: Optimizer, readonly options: { stepSize: number; gamma?: number }) {
    const { stepSize, gamma = 0.1 } = options;
    super(optimizer, (epoch, base) => base * gamma ** Math.floor(epoch / stepSize));
  }
}

/** Half a cosine from baseLr down to etaMin over tMax epochs; see `optim.CosineAnnealingLR`. */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: Optimizer, readonly options: { tMax: number; etaMin?: number }) {
    const { tMax, etaMin = 0 } = options;
    super(optimizer, (epoch, base) => etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * epoch) / tMax))) / 2);
  }
}

/** Ramps lr from baseLr/steps up to baseLr; see `optim.LinearWarmup`. */
export class LinearWarmup extends LRScheduler {
  constructor(optimizer: Optimizer, readonly options: { steps: number }) {
    const steps = Math.max(1, Math.floor(options.steps));
    super(optimizer, (epoch, base) => (base * Math.min(epoch + 1, steps)) / steps);
  }
}
