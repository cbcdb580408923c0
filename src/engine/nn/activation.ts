// Activation layers: modules without parameters that apply one function elementwise.
import type { Tensor } from "../tensor";
import type { LayerInfo } from "./layerInfo";
import { Module } from "./module";

const elementwise = (kind: string, activation: LayerInfo["activation"], equation: string, config: LayerInfo["config"] = {}): LayerInfo => ({
  kind,
  config,
  features: "same",
  equation,
  activation,
});

/** max(0, x). */
export class ReLU extends Module {
  override describe(): LayerInfo {
    return elementwise("ReLU", "relu", "a = \\max(0, z)");
  }
  override forward(x: Tensor): Tensor {
    return x.relu();
  }
}

/** x for x > 0, else alpha·x. */
export class LeakyReLU extends Module {
  override describe(): LayerInfo {
    return elementwise("LeakyReLU", "leakyRelu", `a = \\begin{cases} z & z > 0 \\\\ ${this.alpha}\\,z & z \\le 0 \\end{cases}`, { alpha: this.alpha });
  }
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
  override describe(): LayerInfo {
    return elementwise("Sigmoid", "sigmoid", "a = \\sigma(z) = \\frac{1}{1 + e^{-z}}");
  }
  override forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

/** tanh(x). */
export class Tanh extends Module {
  override describe(): LayerInfo {
    return elementwise("Tanh", "tanh", "a = \\tanh(z)");
  }
  override forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/** x·Φ(x). */
export class GELU extends Module {
  override describe(): LayerInfo {
    return elementwise("GELU", "gelu", "a = z\\,\\Phi(z)");
  }
  override forward(x: Tensor): Tensor {
    return x.gelu();
  }
}

/** x·σ(x) (swish). */
export class SiLU extends Module {
  override describe(): LayerInfo {
    return elementwise("SiLU", "silu", "a = z\\,\\sigma(z)");
  }
  override forward(x: Tensor): Tensor {
    return x.silu();
  }
}

/** Heaviside: 1 where x ≥ 0, else 0. */
export class Step extends Module {
  override describe(): LayerInfo {
    return elementwise("Step", "step", "a = \\begin{cases} 1 & z \\ge 0 \\\\ 0 & z < 0 \\end{cases}");
  }
  override forward(x: Tensor): Tensor {
    return x.step();
  }
}

/** softmax along `dim`. */
export class Softmax extends Module {
  override describe(): LayerInfo {
    return elementwise("Softmax", "softmax", "a_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}", { dim: this.dim });
  }
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
  override describe(): LayerInfo {
    return { kind: "Flatten", config: { startDim: this.startDim, endDim: this.endDim }, features: undefined };
  }
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
