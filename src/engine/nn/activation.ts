// Activation layers: modules without parameters that apply one function elementwise.
import type { Tensor } from "../tensor";
import { checkOptions, positionalOrOption } from "../options";
import { elu, geluTanh, softplus } from "../ops/smoothActivations";
import type { LayerInfo } from "./layerInfo";
import { Module, builtInLayer } from "./module";

const elementwise = (kind: string, activation: LayerInfo["activation"], equation: string, config: LayerInfo["config"] = {}): LayerInfo => ({
  kind,
  config,
  features: "same",
  equation,
  activation,
});

/** max(0, x). */
export class ReLU extends Module {
  static {
    builtInLayer(this);
  }
  override describe(): LayerInfo {
    return elementwise("ReLU", "relu", "a = \\max(0, z)");
  }
  override forward(x: Tensor): Tensor {
    return x.relu();
  }
}

/** x for x > 0, else negativeSlope·x. */
export class LeakyReLU extends Module {
  static {
    builtInLayer(this);
  }
  /** The slope for x ≤ 0 (PyTorch's negative_slope), 0.01 by default. */
  readonly negativeSlope: number;
  override describe(): LayerInfo {
    return elementwise("LeakyReLU", "leakyRelu", `a = \\begin{cases} z & z > 0 \\\\ ${this.negativeSlope}\\,z & z \\le 0 \\end{cases}`, { negativeSlope: this.negativeSlope });
  }
  constructor(negativeSlope?: number | { negativeSlope?: number }) {
    super();
    this.negativeSlope = positionalOrOption("LeakyReLU", negativeSlope, "negativeSlope", "number", 0.01);
  }
  override forward(x: Tensor): Tensor {
    return x.leakyRelu(this.negativeSlope);
  }
  override extraRepr(): string {
    return `negativeSlope=${this.negativeSlope}`;
  }
}

/** 1 / (1 + e⁻ˣ). */
export class Sigmoid extends Module {
  static {
    builtInLayer(this);
  }
  override describe(): LayerInfo {
    return elementwise("Sigmoid", "sigmoid", "a = \\sigma(z) = \\frac{1}{1 + e^{-z}}");
  }
  override forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

/** tanh(x). */
export class Tanh extends Module {
  static {
    builtInLayer(this);
  }
  override describe(): LayerInfo {
    return elementwise("Tanh", "tanh", "a = \\tanh(z)");
  }
  override forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/** x·Φ(x), or its tanh approximation. */
export class GELU extends Module {
  static {
    builtInLayer(this);
  }
  /** "none" (default): exact x·Φ(x); "tanh": ½x(1 + tanh(√(2/π)(x + 0.044715x³))), as PyTorch's approximate. */
  readonly approximate: "none" | "tanh";
  constructor(options?: { approximate?: "none" | "tanh" }) {
    super();
    this.approximate = checkOptions("GELU", options, { approximate: ["none", "tanh"] }).approximate ?? "none";
  }
  override describe(): LayerInfo {
    const tex = this.approximate === "tanh" ? "a = \\tfrac12 z\\big(1 + \\tanh\\big(\\sqrt{2/\\pi}\\,(z + 0.044715 z^3)\\big)\\big)" : "a = z\\,\\Phi(z)";
    return elementwise("GELU", "gelu", tex, { approximate: this.approximate });
  }
  override forward(x: Tensor): Tensor {
    return this.approximate === "tanh" ? geluTanh(x) : x.gelu();
  }
  override extraRepr(): string {
    return this.approximate === "tanh" ? "approximate='tanh'" : "";
  }
}

/** x for x > 0, else α(eˣ − 1). */
export class ELU extends Module {
  static {
    builtInLayer(this);
  }
  /** α, the value it tends to for very negative x is −α; 1 by default. */
  readonly alpha: number;
  constructor(alpha?: number | { alpha?: number }) {
    super();
    this.alpha = positionalOrOption("ELU", alpha, "alpha", "number", 1);
  }
  override describe(): LayerInfo {
    return elementwise("ELU", undefined, `a = \\begin{cases} z & z > 0 \\\\ ${this.alpha}\\,(e^{z} - 1) & z \\le 0 \\end{cases}`, { alpha: this.alpha });
  }
  override forward(x: Tensor): Tensor {
    return elu(x, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${this.alpha}`;
  }
}

/** log(1 + e^(βx))/β, a smooth ReLU. */
export class Softplus extends Module {
  static {
    builtInLayer(this);
  }
  readonly beta: number;
  readonly threshold: number;
  constructor(options?: number | { beta?: number; threshold?: number }) {
    super();
    const o = typeof options === "number" ? { beta: options } : options;
    const checked = checkOptions("Softplus", o, { beta: "positive", threshold: "number" });
    this.beta = checked.beta ?? 1;
    this.threshold = checked.threshold ?? 20;
  }
  override describe(): LayerInfo {
    return elementwise("Softplus", undefined, this.beta === 1 ? "a = \\log(1 + e^{z})" : `a = \\tfrac{1}{${this.beta}}\\log(1 + e^{${this.beta} z})`, { beta: this.beta, threshold: this.threshold });
  }
  override forward(x: Tensor): Tensor {
    return softplus(x, this.beta, this.threshold);
  }
  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}

/** The input unchanged: a placeholder layer. */
export class Identity extends Module {
  static {
    builtInLayer(this);
  }
  constructor(...args: unknown[]) {
    super();
    // PyTorch's Identity ignores any arguments; here one given is surely a mistake, so it is said.
    if (args.length > 0) throw new TypeError(`Identity: takes no arguments, got ${args.length}`);
  }
  override describe(): LayerInfo {
    return elementwise("Identity", undefined, "a = z");
  }
  override forward(x: Tensor): Tensor {
    return x;
  }
}

/** x·σ(x) (swish). */
export class SiLU extends Module {
  static {
    builtInLayer(this);
  }
  override describe(): LayerInfo {
    return elementwise("SiLU", "silu", "a = z\\,\\sigma(z)");
  }
  override forward(x: Tensor): Tensor {
    return x.silu();
  }
}

/** Heaviside: 1 where x ≥ 0, else 0. */
export class Step extends Module {
  static {
    builtInLayer(this);
  }
  override describe(): LayerInfo {
    return elementwise("Step", "step", "a = \\begin{cases} 1 & z \\ge 0 \\\\ 0 & z < 0 \\end{cases}");
  }
  override forward(x: Tensor): Tensor {
    return x.step();
  }
}

/** softmax along `dim`. */
export class Softmax extends Module {
  static {
    builtInLayer(this);
  }
  override describe(): LayerInfo {
    return elementwise("Softmax", "softmax", "a_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}", { dim: this.dim });
  }
  readonly dim: number;
  constructor(dim?: number | { dim?: number }) {
    super();
    this.dim = positionalOrOption("Softmax", dim, "dim", "integer", -1);
  }
  override forward(x: Tensor): Tensor {
    return x.softmax(this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** log softmax along `dim`. */
export class LogSoftmax extends Module {
  static {
    builtInLayer(this);
  }
  readonly dim: number;
  constructor(dim?: number | { dim?: number }) {
    super();
    this.dim = positionalOrOption("LogSoftmax", dim, "dim", "integer", -1);
  }
  override describe(): LayerInfo {
    return elementwise("LogSoftmax", undefined, "a_k = z_k - \\log \\sum_j e^{z_j}", { dim: this.dim });
  }
  override forward(x: Tensor): Tensor {
    return x.logSoftmax(this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** Merge dims startDim..endDim (default: all but the batch dim). */
export class Flatten extends Module {
  static {
    builtInLayer(this);
  }
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
