import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { noGrad } from "../autograd";
import { ShapeError, fmt } from "../shape";
import type { LayerInfo } from "./layerInfo";
import { Module } from "./module";
import { ParameterTensor } from "./parameter";

/** Options of `nn.BatchNorm1d`. */
export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of the newest batch in the running averages (default 0.1). */
  momentum?: number;
}

/** Batch normalisation over [batch, features] or [batch, features, length]; see `nn.BatchNorm1d`. */
export class BatchNorm1d extends Module {
  /** Learned scale γ, shape [features], starts at 1. */
  weight: ParameterTensor;
  /** Learned shift β, shape [features], starts at 0. */
  bias: ParameterTensor;
  /** Running mean of each feature, used in eval mode (PyTorch's running_mean). */
  declare runningMean: Tensor;
  /** Running unbiased variance of each feature, used in eval mode (PyTorch's running_var). */
  declare runningVar: Tensor;
  /** Training batches seen so far, a 0-d tensor (PyTorch's num_batches_tracked). */
  declare numBatchesTracked: Tensor;
  readonly eps: number;
  readonly momentum: number;

  constructor(readonly numFeatures: number, options: BatchNormOptions = {}) {
    super();
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    const filled = (v: number) => {
      const d = alloc(numFeatures);
      d.fill(v);
      return new Tensor(d, [numFeatures]);
    };
    this.weight = new ParameterTensor(filled(1));
    this.bias = new ParameterTensor(filled(0));
    this.registerBuffer("runningMean", filled(0));
    this.registerBuffer("runningVar", filled(1));
    this.registerBuffer("numBatchesTracked", new Tensor(alloc(1), []));
  }

  override forward(x: Tensor): Tensor {
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== this.numFeatures) {
      throw new ShapeError(`BatchNorm1d: expected [batch, ${this.numFeatures}] or [batch, ${this.numFeatures}, length], got ${fmt(x.shape)}`);
    }
    const dims = x.ndim === 2 ? [0] : [0, 2];
    const perFeature = x.ndim === 2 ? [this.numFeatures] : [this.numFeatures, 1];
    const count = x.numel() / this.numFeatures;
    let mean: Tensor, variance: Tensor;
    if (this.training) {
      if (count < 2) throw new ShapeError(`BatchNorm1d: training needs more than 1 value per feature, got input ${fmt(x.shape)}`);
      mean = x.mean(dims, true);
      variance = x.sub(mean).pow(2).mean(dims, true); // biased, as used for normalising
      this.updateRunningStats(mean, variance, count);
    } else {
      mean = this.runningMean.reshape(perFeature);
      variance = this.runningVar.reshape(perFeature);
    }
    const xHat = x.sub(mean).div(variance.add(this.eps).sqrt());
    return xHat.mul(this.weight.reshape(perFeature)).add(this.bias.reshape(perFeature));
  }

  /** running ← (1 − momentum)·running + momentum·batch, with the unbiased variance n/(n − 1)·σ². */
  private updateRunningStats(mean: Tensor, variance: Tensor, count: number): void {
    noGrad(() => {
      const m = this.momentum, rm = this.runningMean.data, rv = this.runningVar.data;
      this.numBatchesTracked.data[0]++;
      for (let c = 0; c < this.numFeatures; c++) {
        rm[c] = (1 - m) * rm[c] + m * mean.data[c];
        rv[c] = (1 - m) * rv[c] + (m * variance.data[c] * count) / (count - 1);
      }
    });
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}`;
  }

  override describe(): LayerInfo {
    return {
      kind: "BatchNorm1d",
      config: { numFeatures: this.numFeatures, eps: this.eps, momentum: this.momentum },
      features: this.numFeatures,
      equation: "a = \\gamma\\,\\frac{z - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}} + \\beta",
    };
  }
}
