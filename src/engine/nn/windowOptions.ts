// The settings of a convolution or a pooling window, as PyTorch's keywords: read and checked once for both the
// functions (F.conv2d, F.maxPool2d, F.avgPool2d) and the layers (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d).
import { checkOptions } from "../options";
import { pair, type Conv2dSettings, type Pair } from "../ops/conv2d";
import type { Pool2dSettings } from "../ops/maxPool2d";
import type { AvgPool2dSettings } from "../ops/avgPool2d";

/** Options of a 2-D convolution: each size a number or a pair [h, w]. */
export interface Conv2dOptions {
  /** Step of the window (default 1). */
  stride?: Pair;
  /** Zeros added on each side (default 0). */
  padding?: Pair;
  /** Spacing of the kernel's taps (default 1). */
  dilation?: Pair;
  /** Channel groups, each convolved on its own (default 1). */
  groups?: number;
}

/** Options of 2-D max pooling. */
export interface MaxPool2dOptions {
  /** Step of the window (default: the kernel size). */
  stride?: Pair;
  /** −∞ added on each side, at most half the kernel (default 0). */
  padding?: Pair;
  /** Spacing of the window's taps (default 1). */
  dilation?: Pair;
  /** Round the output size up rather than down (default false). */
  ceilMode?: boolean;
}

/** Options of 2-D average pooling. */
export interface AvgPool2dOptions {
  /** Step of the window (default: the kernel size). */
  stride?: Pair;
  /** Zeros added on each side, at most half the kernel (default 0). */
  padding?: Pair;
  /** Round the output size up rather than down (default false). */
  ceilMode?: boolean;
  /** Count the padding's zeros in each window's divisor (default true, as PyTorch). */
  countIncludePad?: boolean;
  /** Divide every window's sum by this instead. */
  divisorOverride?: number;
}

const CONV2D_KINDS = { stride: "checked", padding: "checked", dilation: "checked", groups: "count" } as const;
const POOL2D_KINDS = { stride: "checked", padding: "checked", dilation: "checked", ceilMode: "boolean" } as const;
const AVG_POOL2D_KINDS = { stride: "checked", padding: "checked", ceilMode: "boolean", countIncludePad: "boolean", divisorOverride: "count" } as const;

/** The convolution settings of `options`, checked, for `op`; `extra` are the other options `op` takes (a layer's bias). */
export function conv2dSettings<O extends Conv2dOptions>(op: string, options: O | undefined, extra: Record<string, "boolean"> = {}): { settings: Conv2dSettings; options: Partial<O> } {
  const o = checkOptions(op, options, { ...CONV2D_KINDS, ...extra } as Record<keyof O & string, "checked">);
  const settings = {
    stride: pair(op, "stride", o.stride ?? 1, 1),
    padding: pair(op, "padding", o.padding ?? 0, 0),
    dilation: pair(op, "dilation", o.dilation ?? 1, 1),
    groups: o.groups ?? 1,
  };
  return { settings, options: o };
}

/** The window of a pooling: its kernel, the stride (the kernel's unless given), padding and ceil mode. */
function poolWindow(op: string, kernelSize: Pair, o: { stride?: Pair; padding?: Pair; ceilMode?: boolean }) {
  const kernel = pair(op, "kernelSize", kernelSize, 1);
  return {
    kernel,
    stride: o.stride === undefined ? kernel : pair(op, "stride", o.stride, 1),
    padding: pair(op, "padding", o.padding ?? 0, 0),
    ceilMode: o.ceilMode ?? false,
  };
}

/** The max-pooling settings of `kernelSize` and `options`, checked, for `op`. */
export function pool2dSettings(op: string, kernelSize: Pair, options: MaxPool2dOptions | undefined): Pool2dSettings {
  const o = checkOptions(op, options, POOL2D_KINDS);
  return { ...poolWindow(op, kernelSize, o), dilation: pair(op, "dilation", o.dilation ?? 1, 1) };
}

/** The average-pooling settings of `kernelSize` and `options`, checked, for `op`. */
export function avgPool2dSettings(op: string, kernelSize: Pair, options: AvgPool2dOptions | undefined): AvgPool2dSettings {
  const o = checkOptions(op, options, AVG_POOL2D_KINDS);
  return { ...poolWindow(op, kernelSize, o), countIncludePad: o.countIncludePad ?? true, divisorOverride: o.divisorOverride ?? null };
}
