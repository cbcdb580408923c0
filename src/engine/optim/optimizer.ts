import type { Tensor } from "../tensor";

/** What every optimizer shares: the parameters, the learning rate, and zeroGrad(). */
export abstract class Optimizer {
  /** The tensors this optimizer updates. */
  readonly params: Tensor[];
  /** Learning rate; read or set it at any time (schedulers do). */
  lr: number;

  constructor(params: Iterable<Tensor>, lr: number) {
    this.params = [...params];
    if (this.params.length === 0) throw new Error(`${this.constructor.name}: got an empty list of parameters`);
    if (!(lr >= 0)) throw new RangeError(`${this.constructor.name}: lr must be a number ≥ 0, got ${lr}`);
    this.lr = lr;
  }

  /** Update every parameter that has a gradient, using its `.grad`. */
  abstract step(): void;

  /** Clear every parameter's gradient (sets `.grad` to null, like torch's default). */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  /** The settings, e.g. `SGD(lr=0.1, momentum=0.9, nesterov=false, weightDecay=0; 4 parameters)`. */
  toString(): string {
    const settings = Object.entries(this)
      .filter(([, v]) => typeof v === "number" || typeof v === "boolean" || (Array.isArray(v) && v.every((x) => typeof x === "number")))
      .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(", ")}]` : v}`);
    return `${this.constructor.name}(${settings.join(", ")}; ${this.params.length} parameters)`;
  }
}
