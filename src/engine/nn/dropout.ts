import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { defaultGenerator } from "../random";
import type { LayerInfo } from "./layerInfo";
import { Module } from "./module";
import { positionalOrOption } from "../options";

/** Randomly zeroes inputs while training; see `nn.Dropout`. */
export class Dropout extends Module {
  /** The probability of zeroing an element, 0.5 by default. */
  readonly p: number;
  constructor(p?: number | { p?: number }) {
    super();
    this.p = positionalOrOption("Dropout", p, "p", "probability", 0.5);
  }

  override forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    // Keep each element with probability 1 − p and scale it by 1/(1 − p), so the
    // expected output equals the input and eval mode needs no rescaling.
    const g = defaultGenerator(), mask = alloc(x.numel()), scale = this.p === 1 ? 0 : 1 / (1 - this.p);
    for (let i = 0; i < mask.length; i++) mask[i] = g.uniform() >= this.p ? scale : 0;
    return x.mul(new Tensor(mask, x.shape.slice()));
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }

  override describe(): LayerInfo {
    return {
      kind: "Dropout",
      config: { p: this.p },
      features: "same",
      equation: `a = \\frac{m \\odot z}{1 - p},\\quad m_i \\sim \\mathrm{Bernoulli}(1 - p),\\; p = ${this.p}`,
    };
  }
}
