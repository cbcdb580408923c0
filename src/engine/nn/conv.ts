// Convolution and pooling layers on [N, C, H, W], PyTorch's layout, defaults and initialisation.
import { Tensor } from "../tensor";
import { ShapeError, fmt } from "../shape";
import { checkArgument, describe as describeValue } from "../options";
import { conv2d, pair, type Pair } from "../ops/conv2d";
import { maxPool2d } from "../ops/maxPool2d";
import { avgPool2d } from "../ops/avgPool2d";
import type { LayerInfo } from "./layerInfo";
import { Module, builtInLayer } from "./module";
import { ParameterTensor } from "./parameter";
import { avgPool2dSettings, conv2dSettings, pool2dSettings, type AvgPool2dOptions, type Conv2dOptions, type MaxPool2dOptions } from "./windowOptions";
import { uniformTensor } from "./init";

/** Options of `nn.Conv2d`, PyTorch's keywords: sizes as a number or a pair [h, w]. */
export interface Conv2dLayerOptions extends Conv2dOptions {
  /** Learn a bias per output channel (default true). */
  bias?: boolean;
}

/** Options of `nn.MaxPool2d`, PyTorch's keywords. */
export type MaxPool2dLayerOptions = MaxPool2dOptions;

/** Options of `nn.AvgPool2d`, PyTorch's keywords. */
export type AvgPool2dLayerOptions = AvgPool2dOptions;

/** 2-D convolution; see `nn.Conv2d`. */
export class Conv2d extends Module {
  static {
    builtInLayer(this);
  }
  /** The kernels, [outChannels, inChannels/groups, kH, kW]. */
  weight: ParameterTensor;
  /** One per output channel, [outChannels] (null with `bias: false`). */
  bias: ParameterTensor | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly dilation: [number, number];
  readonly groups: number;

  constructor(readonly inChannels: number, readonly outChannels: number, kernelSize: Pair, options?: Conv2dLayerOptions) {
    super();
    checkArgument("Conv2d", "inChannels", inChannels, "count");
    checkArgument("Conv2d", "outChannels", outChannels, "count");
    const { settings, options: o } = conv2dSettings("Conv2d", options, { bias: "boolean" });
    this.kernelSize = pair("Conv2d", "kernelSize", kernelSize, 1);
    ({ stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups } = settings);
    if (inChannels % this.groups !== 0 || outChannels % this.groups !== 0) {
      throw new RangeError(`Conv2d: groups ${this.groups} must divide inChannels ${inChannels} and outChannels ${outChannels}`);
    }
    // PyTorch: kaiming_uniform_(a=√5), a bound of 1/√fanIn for the kernels, and the bias the same.
    const fanIn = (inChannels / this.groups) * this.kernelSize[0] * this.kernelSize[1], bound = 1 / Math.sqrt(fanIn);
    this.weight = new ParameterTensor(uniformTensor([outChannels, inChannels / this.groups, ...this.kernelSize], bound));
    this.bias = o.bias === false ? null : new ParameterTensor(uniformTensor([outChannels], bound));
  }

  override forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor) || x.ndim !== 4 || x.shape[1] !== this.inChannels) {
      const given = x instanceof Tensor ? fmt(x.shape) : describeValue(x);
      // Rows of flattened square images (the digits' 64 pixels) suggest their own size.
      const side = x instanceof Tensor && x.ndim === 2 ? Math.sqrt(x.shape[1] / this.inChannels) : NaN;
      const size = Number.isInteger(side) ? `${side}, ${side}` : "H, W";
      const hint = x instanceof Tensor && x.ndim === 2 ? ` — reshape it, e.g. x.reshape(-1, ${this.inChannels}, ${size})` : "";
      throw new ShapeError(`Conv2d: expected input [N, ${this.inChannels}, H, W], got ${given}${hint}`);
    }
    return conv2d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups });
  }

  override extraRepr(): string {
    const extra = [
      this.stride.some((s) => s !== 1) ? `stride=[${this.stride}]` : "",
      this.padding.some((p) => p !== 0) ? `padding=[${this.padding}]` : "",
      this.dilation.some((d) => d !== 1) ? `dilation=[${this.dilation}]` : "",
      this.groups !== 1 ? `groups=${this.groups}` : "",
      this.bias ? "" : "bias=false",
    ].filter(Boolean);
    return [`${this.inChannels}, ${this.outChannels}, kernelSize=[${this.kernelSize}]`, ...extra].join(", ");
  }

  override describe(): LayerInfo {
    return {
      kind: "Conv2d",
      config: {
        inChannels: this.inChannels, outChannels: this.outChannels, kernelSize: this.kernelSize.join(","), stride: this.stride.join(","),
        padding: this.padding.join(","), dilation: this.dilation.join(","), groups: this.groups, bias: this.bias !== null,
      },
      features: undefined,
      equation: `a_{o} = b_o + \\sum_{c} W_{o,c} \\star z_{c},\\quad W \\in \\mathbb{R}^{${this.outChannels}\\times ${this.inChannels / this.groups}\\times ${this.kernelSize[0]}\\times ${this.kernelSize[1]}}`,
    };
  }
}

/** 2-D max pooling; see `nn.MaxPool2d`. */
export class MaxPool2d extends Module {
  static {
    builtInLayer(this);
  }
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly dilation: [number, number];
  readonly ceilMode: boolean;

  constructor(kernelSize: Pair, options?: MaxPool2dLayerOptions) {
    super();
    const s = pool2dSettings("MaxPool2d", kernelSize, options);
    ({ kernel: this.kernelSize, stride: this.stride, padding: this.padding, dilation: this.dilation, ceilMode: this.ceilMode } = s);
  }

  override forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor) || (x.ndim !== 4 && x.ndim !== 3)) {
      throw new ShapeError(`MaxPool2d: expected input [N, C, H, W] or [C, H, W], got ${x instanceof Tensor ? fmt(x.shape) : describeValue(x)}`);
    }
    return maxPool2d(x, { kernel: this.kernelSize, stride: this.stride, padding: this.padding, dilation: this.dilation, ceilMode: this.ceilMode });
  }

  override extraRepr(): string {
    return `kernelSize=[${this.kernelSize}], stride=[${this.stride}]${this.padding.some((p) => p) ? `, padding=[${this.padding}]` : ""}${this.ceilMode ? ", ceilMode=true" : ""}`;
  }

  override describe(): LayerInfo {
    return {
      kind: "MaxPool2d",
      config: { kernelSize: this.kernelSize.join(","), stride: this.stride.join(","), padding: this.padding.join(","), dilation: this.dilation.join(","), ceilMode: this.ceilMode },
      features: undefined,
      equation: "a_{c,i,j} = \\max_{(u,v) \\in \\text{window}(i,j)} z_{c,u,v}",
    };
  }
}

/** 2-D average pooling; see `nn.AvgPool2d`. */
export class AvgPool2d extends Module {
  static {
    builtInLayer(this);
  }
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | null;

  constructor(kernelSize: Pair, options?: AvgPool2dLayerOptions) {
    super();
    const s = avgPool2dSettings("AvgPool2d", kernelSize, options);
    ({ kernel: this.kernelSize, stride: this.stride, padding: this.padding, ceilMode: this.ceilMode, countIncludePad: this.countIncludePad, divisorOverride: this.divisorOverride } = s);
  }

  override forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor) || (x.ndim !== 4 && x.ndim !== 3)) {
      throw new ShapeError(`AvgPool2d: expected input [N, C, H, W] or [C, H, W], got ${x instanceof Tensor ? fmt(x.shape) : describeValue(x)}`);
    }
    const { kernelSize: kernel, stride, padding, ceilMode, countIncludePad, divisorOverride } = this;
    return avgPool2d(x, { kernel, stride, padding, ceilMode, countIncludePad, divisorOverride });
  }

  override extraRepr(): string {
    const extra = [
      this.padding.some((p) => p) ? `padding=[${this.padding}]` : "",
      this.ceilMode ? "ceilMode=true" : "",
      this.countIncludePad ? "" : "countIncludePad=false",
      this.divisorOverride === null ? "" : `divisorOverride=${this.divisorOverride}`,
    ].filter(Boolean);
    return [`kernelSize=[${this.kernelSize}], stride=[${this.stride}]`, ...extra].join(", ");
  }

  override describe(): LayerInfo {
    return {
      kind: "AvgPool2d",
      config: {
        kernelSize: this.kernelSize.join(","), stride: this.stride.join(","), padding: this.padding.join(","), ceilMode: this.ceilMode,
        countIncludePad: this.countIncludePad, divisorOverride: this.divisorOverride,
      },
      features: undefined,
      equation: `a_{c,i,j} = \\frac{1}{${this.kernelSize[0] * this.kernelSize[1]}} \\sum_{(u,v) \\in \\text{window}(i,j)} z_{c,u,v}`,
    };
  }
}
