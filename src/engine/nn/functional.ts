// PyTorch's torch.nn.functional: the layers and losses as functions, each the same math as its module.
import { traced } from "../tracing";
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { checkOptions, positionalOrOption, describe as describeValue } from "../options";
import { linear as linearOp } from "../ops/linear";
import { pad as padOp } from "../ops/pad";
import { conv2d as conv2dOp, type Pair } from "../ops/conv2d";
import { avgPool2dSettings, conv2dSettings, pool2dSettings, type AvgPool2dOptions, type Conv2dOptions, type MaxPool2dOptions } from "./windowOptions";

export type { AvgPool2dOptions, Conv2dOptions, MaxPool2dOptions } from "./windowOptions";
import { maxPool2d as maxPool2dOp } from "../ops/maxPool2d";
import { avgPool2d as avgPool2dOp } from "../ops/avgPool2d";
import { elu as eluOp, geluTanh, softplus as softplusOp } from "../ops/smoothActivations";
import { dropout as dropoutOp } from "./dropout";
import * as losses from "./loss";
export { scaledDotProductAttention } from "./attention";
export type { ScaledDotProductAttentionOptions } from "./attention";

/** max(0, x) (F.relu). @example F.relu(x) */
export const relu = (x: Tensor): Tensor => x.relu();
/** σ(x) = 1/(1 + e⁻ˣ) (F.sigmoid, torch.sigmoid). @example F.sigmoid(logits) */
export const sigmoid = (x: Tensor): Tensor => x.sigmoid();
/** tanh(x) (F.tanh). @example F.tanh(x) */
export const tanh = (x: Tensor): Tensor => x.tanh();
/** x·σ(x) (F.silu). @example F.silu(x) */
export const silu = (x: Tensor): Tensor => x.silu();

/** x for x > 0, else negativeSlope·x, 0.01 by default (F.leaky_relu). @example F.leakyRelu(x, 0.2) */
export function leakyRelu(x: Tensor, negativeSlope?: number): Tensor {
  return traced("F.leakyRelu", [x, negativeSlope], () => {
    return x.leakyRelu(positionalOrOption("F.leakyRelu", negativeSlope, "negativeSlope", "number", 0.01));
  });
}

/** x·Φ(x), or with `{ approximate: "tanh" }` ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (F.gelu). @example F.gelu(x) */
export function gelu(x: Tensor, options?: { approximate?: "none" | "tanh" }): Tensor {
  return traced("F.gelu", [x, options], () => {
    return checkOptions("F.gelu", options, { approximate: ["none", "tanh"] }).approximate === "tanh" ? geluTanh(x) : x.gelu();
  });
}

/** x for x > 0, else α(eˣ − 1), α = 1 by default (F.elu). @example F.elu(x) */
export function elu(x: Tensor, alpha?: number): Tensor {
  return traced("F.elu", [x, alpha], () => {
    return eluOp(x, positionalOrOption("F.elu", alpha, "alpha", "number", 1));
  });
}

/** log(1 + e^(βx))/β, x where βx > threshold (β 1, threshold 20) (F.softplus). @example F.softplus(x) */
export function softplus(x: Tensor, options?: { beta?: number; threshold?: number }): Tensor {
  return traced("F.softplus", [x, options], () => {
    const o = checkOptions("F.softplus", options, { beta: "positive", threshold: "number" });
    return softplusOp(x, o.beta ?? 1, o.threshold ?? 20);
  });
}

/** e^xᵢ / Σⱼ e^xʲ along `dim` (default −1) (F.softmax). @example F.softmax(logits, 1) */
export function softmax(x: Tensor, dim?: number): Tensor {
  return x.softmax(positionalOrOption("F.softmax", dim, "dim", "integer", -1));
}

/** x − log Σ eˣ along `dim` (default −1), computed stably (F.log_softmax). @example F.logSoftmax(logits, 1) */
export function logSoftmax(x: Tensor, dim?: number): Tensor {
  return x.logSoftmax(positionalOrOption("F.logSoftmax", dim, "dim", "integer", -1));
}

/**
 * Zeroes each element with probability p (0.5) and scales the rest by 1/(1 − p) — only when `training` is true,
 * as PyTorch's F.dropout(input, p, training); in a module pass `this.training`.
 * @example F.dropout(h, 0.2, this.training)
 */
export function dropout(x: Tensor, p?: number, training = true): Tensor {
  return traced("F.dropout", [x, p, training], () => {
    if (typeof training !== "boolean") throw new TypeError(`F.dropout: training must be true or false, not ${describeValue(training)}`);
    const rate = positionalOrOption("F.dropout", p, "p", "probability", 0.5);
    return training ? dropoutOp(x, rate) : x;
  });
}

/** x·Wᵀ + b: x [..., in], weight [out, in], bias [out] (F.linear). @example F.linear(x, w, b) */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  return traced("F.linear", [x, weight, bias], () => {
    if (!(weight instanceof Tensor) || weight.ndim !== 2) throw new ShapeError(`F.linear: weight must be a matrix [out, in], got ${weight instanceof Tensor ? fmt(weight.shape) : describeValue(weight)}`);
    if (bias && (bias.ndim !== 1 || bias.shape[0] !== weight.shape[0])) throw new ShapeError(`F.linear: bias must be [${weight.shape[0]}], one per output, got ${fmt(bias.shape)}`);
    return linearOp(x, weight, bias ?? null);
  });
}

/**
 * Pads with a constant (F.pad, mode "constant"): `pad` lists (before, after) widths from the last dim backwards,
 * [left, right] for the last dim, [left, right, top, bottom] for the last two. value 0 by default.
 * @example F.pad(images, [1, 1, 1, 1]) // [n, c, 8, 8] → [n, c, 10, 10]
 */
export function pad(x: Tensor, widths: number[], options?: { mode?: "constant"; value?: number }): Tensor {
  return traced("F.pad", [x, widths, options], () => {
    const o = checkOptions("F.pad", options, { mode: ["constant"], value: "number" });
    return padOp(x, widths, o.value ?? 0);
  });
}

/**
 * Class indices → one-hot rows: [...shape] → [...shape, numClasses] of 0s and 1s (F.one_hot; float here, ready
 * to multiply). numClasses defaults to the largest index + 1.
 * @example F.oneHot(tensor([0, 2, 1]), 3) // [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
 */
export function oneHot(indices: Tensor | number[], numClasses = -1): Tensor {
  return traced("F.oneHot", [indices, numClasses], () => {
    const t = Array.isArray(indices) ? new Tensor(Float32Array.from(indices), [indices.length]) : indices;
    const idx = t.data;
    for (let i = 0; i < idx.length; i++) {
      if (!Number.isInteger(idx[i]) || idx[i] < 0) throw new RangeError(`F.oneHot: index ${idx[i]} at position ${i} is not a whole number ≥ 0`);
    }
    const c = numClasses === -1 ? Math.max(0, ...idx) + 1 : numClasses;
    if (!Number.isInteger(c) || c < 1) throw new RangeError(`F.oneHot: numClasses must be a whole number ≥ 1 or -1 (from the data), not ${numClasses}`);
    const out = alloc(idx.length * c);
    for (let i = 0; i < idx.length; i++) {
      if (idx[i] >= c) throw new RangeError(`F.oneHot: index ${idx[i]} at position ${i} is not below numClasses ${c}`);
      out[i * c + idx[i]] = 1;
    }
    return new Tensor(out, [...t.shape, c]);
  });
}

/**
 * The loss module that computes F's loss with these options: the one without options is made once, since making a
 * module (a callable with a prototype of its own) costs more than the loss of a small batch.
 */
function lossModule<O, M extends { forward(a: Tensor, b: any): Tensor }>(cls: new (options?: O) => M, options: O | undefined): M {
  if (options !== undefined) return new cls(options);
  let made = plainLosses.get(cls) as M | undefined;
  if (made === undefined) plainLosses.set(cls, (made = new cls()));
  return made;
}
const plainLosses = new Map<Function, unknown>();

/** Mean squared error (F.mse_loss), `{ reduction }` as nn.MSELoss. @example F.mseLoss(pred, y) */
export const mseLoss = (pred: Tensor, target: Tensor, options?: losses.LossOptions): Tensor => lossModule(losses.MSELoss, options).forward(pred, target);
/** Mean absolute error (F.l1_loss), `{ reduction }` as nn.L1Loss. @example F.l1Loss(pred, y) */
export const l1Loss = (pred: Tensor, target: Tensor, options?: losses.LossOptions): Tensor => lossModule(losses.L1Loss, options).forward(pred, target);
/** Huber loss (F.huber_loss), `{ delta, reduction }` as nn.HuberLoss. @example F.huberLoss(pred, y, { delta: 0.5 }) */
export const huberLoss = (pred: Tensor, target: Tensor, options?: losses.HuberLossOptions): Tensor => lossModule(losses.HuberLoss, options).forward(pred, target);
/** Binary cross-entropy on probabilities (F.binary_cross_entropy), `{ weight, reduction }` as nn.BCELoss. @example F.binaryCrossEntropy(p, y) */
export const binaryCrossEntropy = (pred: Tensor, target: Tensor, options?: losses.BCELossOptions): Tensor => lossModule(losses.BCELoss, options).forward(pred, target);
/** Binary cross-entropy on logits (F.binary_cross_entropy_with_logits), `{ weight, posWeight, reduction }`. @example F.binaryCrossEntropyWithLogits(z, y) */
export const binaryCrossEntropyWithLogits = (logits: Tensor, target: Tensor, options?: losses.BCEWithLogitsLossOptions): Tensor =>
  lossModule(losses.BCEWithLogitsLoss, options).forward(logits, target);
/** Softmax cross-entropy on logits (F.cross_entropy), `{ weight, ignoreIndex, labelSmoothing, reduction }`. @example F.crossEntropy(logits, labels) */
export const crossEntropy = (logits: Tensor, target: Tensor | number[], options?: losses.CrossEntropyLossOptions): Tensor =>
  lossModule(losses.CrossEntropyLoss, options).forward(logits, target);
/** Negative log-likelihood of log-probabilities (F.nll_loss), `{ weight, ignoreIndex, reduction }`. @example F.nllLoss(F.logSoftmax(z, 1), labels) */
export const nllLoss = (logProbs: Tensor, target: Tensor | number[], options?: losses.NLLLossOptions): Tensor => lossModule(losses.NLLLoss, options).forward(logProbs, target);

/**
 * 2-D convolution (F.conv2d; PyTorch's cross-correlation): input [N, C, H, W], weight [O, C/groups, kH, kW],
 * bias [O] → [N, O, H', W'] with H' = ⌊(H + 2·padding − dilation·(kH − 1) − 1)/stride⌋ + 1.
 * @example F.conv2d(images, kernel, null, { padding: 1 }) // [n, 1, 8, 8] → [n, O, 8, 8] for a 3×3 kernel
 */
export function conv2d(x: Tensor, weight: Tensor, bias?: Tensor | null, options?: Conv2dOptions): Tensor {
  return traced("F.conv2d", [x, weight, bias, options], () => {
    return conv2dOp(x, weight, bias ?? null, conv2dSettings("F.conv2d", options).settings);
  });
}

/**
 * 2-D max pooling (F.max_pool2d): the largest value of each kernelSize window of [N, C, H, W] (or [C, H, W]),
 * stepping by stride (default kernelSize); the gradient goes to where each maximum was.
 * @example F.maxPool2d(features, 2) // [n, c, 8, 8] → [n, c, 4, 4]
 */
export function maxPool2d(x: Tensor, kernelSize: Pair, options?: MaxPool2dOptions): Tensor {
  return traced("F.maxPool2d", [x, kernelSize, options], () => {
    return maxPool2dOp(x, pool2dSettings("F.maxPool2d", kernelSize, options));
  });
}

/**
 * 2-D average pooling (F.avg_pool2d): the mean of each kernelSize window of [N, C, H, W] (or [C, H, W]), stepping
 * by stride (default kernelSize); with padding, the zeros count in the divisor unless `countIncludePad: false`.
 * @example F.avgPool2d(features, 2) // [n, c, 8, 8] → [n, c, 4, 4]
 */
export function avgPool2d(x: Tensor, kernelSize: Pair, options?: AvgPool2dOptions): Tensor {
  return traced("F.avgPool2d", [x, kernelSize, options], () => {
    return avgPool2dOp(x, avgPool2dSettings("F.avgPool2d", kernelSize, options));
  });
}
