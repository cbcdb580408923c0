import { Tensor } from "../tensor";
import { linear } from "../ops/linear";
import type { LayerInfo } from "./layerInfo";
import { Module, builtInLayer } from "./module";
import { ParameterTensor } from "./parameter";
import { initWeights, uniformTensor, type InitName } from "./init";

/** Options of `nn.Linear`. */
export interface LinearOptions {
  /** Learn an additive bias b (default true). */
  bias?: boolean;
  /** Weight initialisation; default as PyTorch: U(−1/√in, 1/√in) for weight and bias. */
  init?: InitName;
}

/** A fully connected layer y = x·Wᵀ + b; see `nn.Linear`. */
export class Linear extends Module {
  static {
    builtInLayer(this);
  }
  /** Weight matrix W, shape [outFeatures, inFeatures] (PyTorch's layout). */
  weight: ParameterTensor;
  /** Bias b, shape [outFeatures], or null when made with `{ bias: false }`. */
  bias: ParameterTensor | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions = {}) {
    super();
    // PyTorch: kaiming_uniform_(a=√5) gives bound 1/√in for the weight, and the bias uses the same bound.
    const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
    this.weight = new ParameterTensor(uniformTensor([outFeatures, inFeatures], bound));
    this.bias = options.bias === false ? null : new ParameterTensor(uniformTensor([outFeatures], bound));
    if (options.init) initWeights(this.weight, this.bias, options.init);
  }

  override forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }

  override describe(): LayerInfo {
    const bias = this.bias !== null;
    return {
      kind: "Linear",
      config: { inFeatures: this.inFeatures, outFeatures: this.outFeatures, bias },
      features: this.outFeatures,
      equation: `\\mathbf{z} = W\\mathbf{x}${bias ? " + \\mathbf{b}" : ""},\\quad W \\in \\mathbb{R}^{${this.outFeatures}\\times${this.inFeatures}}`,
    };
  }
}

