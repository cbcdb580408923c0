import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { defaultGenerator } from "../random";
import type { LayerInfo } from "./layerInfo";
import { Module, builtInLayer } from "./module";
import { positionalOrOption } from "../options";

/** Randomly zeroes inputs while training; see `nn.Dropout`. */
export class Dropout extends Module {
  static {
    builtInLayer(this);
  }
  /** The probability of zeroing an element, 0.5 by default. */
  readonly p: number;
  constructor(p?: number | { p?: number }) {
    super();
    this.p = positionalOrOption("Dropout", p, "p", "probability", 0.5);
  }

  override forward(x: Tensor): Tensor {
    return this.training ? dropout(x, this.p) : x;
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

/** x with each element zeroed with probability p, the others scaled by 1/(1 − p): a training step's dropout. */
export function dropout(x: Tensor, p: number): Tensor {
  if (p === 0) return x;
  // Keep each element with probability 1 − p and scale it by 1/(1 − p), so the
  // expected output equals the input and eval mode needs no rescaling.
  const g = defaultGenerator(), mask = alloc(x.numel()), scale = p === 1 ? 0 : 1 / (1 - p);
  for (let i = 0; i < mask.length; i++) mask[i] = g.uniform() >= p ? scale : 0;
  return x.mul(new Tensor(mask, x.shape.slice()));
}
