import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { noGrad } from "../autograd";
import { ShapeError, fmt } from "../shape";
import type { LayerInfo } from "./layerInfo";
import { Module, builtInLayer } from "./module";
import { ParameterTensor } from "./parameter";
import { checkArgument, checkOptions } from "../options";

/** Options of `nn.BatchNorm1d` and `nn.BatchNorm2d`. */
export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of the newest batch in the running averages (default 0.1). */
  momentum?: number;
}

/**
 * Batch normalisation of each channel (dim 1) over the batch and every dim after the channels: the shared part
 * of `nn.BatchNorm1d` ([N, C] or [N, C, L]) and `nn.BatchNorm2d` ([N, C, H, W]).
 */
abstract class BatchNorm extends Module {
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

  /** PyTorch's class name, for messages and the summary. */
  protected abstract readonly kind: "BatchNorm1d" | "BatchNorm2d";
  /** The input ranks it takes. */
  protected abstract readonly ranks: readonly number[];
  /** The layouts it takes, for shape errors, e.g. "[batch, 4] or [batch, 4, length]". */
  protected abstract layouts(): string;

  constructor(name: string, readonly numFeatures: number, options?: BatchNormOptions) {
    super();
    checkArgument(name, "numFeatures", numFeatures, "count");
    const o = checkOptions(name, options, { eps: "positive", momentum: "probability" });
    this.eps = o.eps ?? 1e-5;
    this.momentum = o.momentum ?? 0.1;
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
    if (!(x instanceof Tensor) || !this.ranks.includes(x.ndim) || x.shape[1] !== this.numFeatures) {
      const given = x instanceof Tensor ? fmt(x.shape) : String(x);
      throw new ShapeError(`${this.kind}: expected ${this.layouts()}, got ${given}`);
    }
    // Statistics per channel: over the batch (dim 0) and every dim after the channels.
    const dims = [0, ...x.shape.slice(2).map((_, i) => i + 2)];
    const perFeature = [this.numFeatures, ...x.shape.slice(2).map(() => 1)];
    const count = x.numel() / this.numFeatures;
    let mean: Tensor, variance: Tensor;
    if (this.training) {
      if (count < 2) throw new ShapeError(`${this.kind}: training needs more than 1 value per feature, got input ${fmt(x.shape)}`);
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
      kind: this.kind,
      config: { numFeatures: this.numFeatures, eps: this.eps, momentum: this.momentum },
      features: this.kind === "BatchNorm1d" ? this.numFeatures : undefined,
      equation: "a = \\gamma\\,\\frac{z - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}} + \\beta",
    };
  }
}

/** Batch normalisation over [batch, features] or [batch, features, length]; see `nn.BatchNorm1d`. */
export class BatchNorm1d extends BatchNorm {
  static {
    builtInLayer(this);
  }
  protected readonly kind = "BatchNorm1d";
  protected readonly ranks = [2, 3];

  constructor(numFeatures: number, options?: BatchNormOptions) {
    super("BatchNorm1d", numFeatures, options);
  }

  protected layouts(): string {
    return `[batch, ${this.numFeatures}] or [batch, ${this.numFeatures}, length]`;
  }
}

/** Batch normalisation of each channel of [N, C, H, W] over the batch and the image; see `nn.BatchNorm2d`. */
export class BatchNorm2d extends BatchNorm {
  static {
    builtInLayer(this);
  }
  protected readonly kind = "BatchNorm2d";
  protected readonly ranks = [4];

  constructor(numFeatures: number, options?: BatchNormOptions) {
    super("BatchNorm2d", numFeatures, options);
  }

  protected layouts(): string {
    return `[N, ${this.numFeatures}, H, W]`;
  }
}
