// Activation layers: modules without parameters that apply one function elementwise.
import type { Tensor } from "../tensor";
import { Module } from "./module";

/** max(0, x). */
export class ReLU extends Module {
  override forward(x: Tensor): Tensor {
    return x.relu();
  }
}

/** x for x > 0, else alpha·x. */
export class LeakyReLU extends Module {
  constructor(readonly alpha = 0.01) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return x.leakyRelu(this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${this.alpha}`;
  }
}

/** 1 / (1 + e⁻ˣ). */
export class Sigmoid extends Module {
  override forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

/** tanh(x). */
export class Tanh extends Module {
  override forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/** x·Φ(x). */
export class GELU extends Module {
  override forward(x: Tensor): Tensor {
    return x.gelu();
  }
}

/** x·σ(x) (swish). */
export class SiLU extends Module {
  override forward(x: Tensor): Tensor {
    return x.silu();
  }
}

/** Heaviside: 1 where x ≥ 0, else 0. */
export class Step extends Module {
  override forward(x: Tensor): Tensor {
    return x.step();
  }
}

/** softmax along `dim`. */
export class Softmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return x.softmax(this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** Merge dims startDim..endDim (default: all but the batch dim). */
export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `startDim=${this.startDim}, endDim=${this.endDim}`;
  }
}
