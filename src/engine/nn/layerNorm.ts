import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { checkOptions, describe as describeValue } from "../options";
import type { LayerInfo } from "./layerInfo";
import { Module, builtInLayer } from "./module";
import { ParameterTensor } from "./parameter";

/** Options of `nn.LayerNorm`. */
export interface LayerNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Learn a scale and a shift per element of the normalised shape (default true). */
  elementwiseAffine?: boolean;
  /** With elementwiseAffine, learn the shift too (default true). */
  bias?: boolean;
}

/** Normalises each example over its last dims; see `nn.LayerNorm`. */
export class LayerNorm extends Module {
  static {
    builtInLayer(this);
  }
  /** The trailing dims normalised over, e.g. [features]. */
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  /** Learned scale γ, shape normalizedShape, starts at 1 (null without elementwiseAffine). */
  weight: ParameterTensor | null = null;
  /** Learned shift β, shape normalizedShape, starts at 0 (null without it). */
  bias: ParameterTensor | null = null;

  constructor(normalizedShape: number | number[], options?: LayerNormOptions) {
    super();
    const shape = typeof normalizedShape === "number" ? [normalizedShape] : normalizedShape;
    if (!Array.isArray(shape) || shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
      throw new TypeError(`LayerNorm: normalizedShape must be a whole number ≥ 1 or a list of them, such as 16 or [4, 4], not ${describeValue(normalizedShape)}`);
    }
    const o = checkOptions("LayerNorm", options, { eps: "positive", elementwiseAffine: "boolean", bias: "boolean" });
    this.normalizedShape = shape.slice();
    this.eps = o.eps ?? 1e-5;
    this.elementwiseAffine = o.elementwiseAffine ?? true;
    const size = shape.reduce((a, b) => a * b, 1);
    if (this.elementwiseAffine) {
      this.weight = new ParameterTensor(new Tensor(alloc(size).fill(1), shape.slice()));
      if (o.bias ?? true) this.bias = new ParameterTensor(new Tensor(alloc(size), shape.slice()));
    }
  }

  override forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length, tail = x.shape.slice(x.ndim - k);
    if (x.ndim < k || tail.some((d, i) => d !== this.normalizedShape[i])) {
      throw new ShapeError(`LayerNorm: the input's last dims must be ${fmt(this.normalizedShape)}, got ${fmt(x.shape)}`);
    }
    const dims = Array.from({ length: k }, (_, i) => x.ndim - k + i);
    const mean = x.mean(dims, true);
    const centred = x.sub(mean);
    // The biased variance, as PyTorch normalises with.
    const y = centred.div(centred.pow(2).mean(dims, true).add(this.eps).sqrt());
    if (!this.weight) return y;
    const scaled = y.mul(this.weight);
    return this.bias ? scaled.add(this.bias) : scaled;
  }

  override extraRepr(): string {
    return `[${this.normalizedShape.join(", ")}], eps=${this.eps}, elementwiseAffine=${this.elementwiseAffine}`;
  }

  override describe(): LayerInfo {
    return {
      kind: "LayerNorm",
      config: { normalizedShape: this.normalizedShape.join(","), eps: this.eps, elementwiseAffine: this.elementwiseAffine, bias: this.bias !== null },
      features: "same",
      equation: "a = \\gamma\\,\\frac{z - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}} + \\beta \\quad \\text{(over each example's features)}",
    };
  }
}
