// Loss modules: forward(pred, target) returns the loss (a scalar unless reduction is "none"), as PyTorch's.
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { bceLoss, bceWithLogitsLoss, checkClass, mseLoss, nllLossMean } from "../ops/loss";
import { bceElements, bceWithLogitsElements, checkSameShape, huberElements } from "../ops/elementwiseLoss";
import { checkOptions, describe as describeValue } from "../options";
import type { LayerInfo } from "./layerInfo";
import { Module, builtInLayer } from "./module";

/** How a loss combines its elements, as PyTorch's `reduction`: their mean (default), their sum, or each one. */
export type Reduction = "mean" | "sum" | "none";
const REDUCTION = ["mean", "sum", "none"] as const;

/** Options of every loss: `reduction`. */
export interface LossOptions {
  /** "mean" (default): the mean over the elements; "sum": their sum; "none": one loss per element. */
  reduction?: Reduction;
}

const loss = (kind: string, equation: string, config: LayerInfo["config"] = {}): LayerInfo => ({ kind, config, features: undefined, equation });

function reduce(elements: Tensor, reduction: Reduction): Tensor {
  return reduction === "none" ? elements : reduction === "sum" ? elements.sum() : elements.mean();
}

/** A tensor option (a weight), checked to be one. */
function tensorOption(fn: string, key: string, value: unknown): Tensor | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof Tensor)) throw new TypeError(`${fn}: ${key} must be a tensor, e.g. tensor([1, 2, 1]), not ${describeValue(value)}`);
  return value;
}

/** Mean squared error; see `nn.MSELoss`. */
export class MSELoss extends Module {
  static {
    builtInLayer(this);
  }
  readonly reduction: Reduction;
  constructor(options?: LossOptions) {
    super();
    this.reduction = checkOptions("MSELoss", options, { reduction: REDUCTION }).reduction ?? "mean";
  }
  override describe(): LayerInfo {
    return loss("MSELoss", "L = \\frac{1}{n}\\sum_i (\\hat{y}_i - y_i)^2", { reduction: this.reduction });
  }
  override forward(pred: Tensor, target: Tensor): Tensor {
    if (this.reduction === "mean") return mseLoss(pred, target);
    checkSameShape("MSELoss", pred, target);
    return reduce(pred.sub(target).pow(2), this.reduction);
  }
}

/** Mean absolute error; see `nn.L1Loss`. */
export class L1Loss extends Module {
  static {
    builtInLayer(this);
  }
  readonly reduction: Reduction;
  constructor(options?: LossOptions) {
    super();
    this.reduction = checkOptions("L1Loss", options, { reduction: REDUCTION }).reduction ?? "mean";
  }
  override describe(): LayerInfo {
    return loss("L1Loss", "L = \\frac{1}{n}\\sum_i |\\hat{y}_i - y_i|", { reduction: this.reduction });
  }
  override forward(pred: Tensor, target: Tensor): Tensor {
    checkSameShape("L1Loss", pred, target);
    return reduce(pred.sub(target).abs(), this.reduction);
  }
}

/** Options of `nn.HuberLoss`. */
export interface HuberLossOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear (default 1). */
  delta?: number;
}

/** Huber loss: quadratic near 0, linear beyond delta; see `nn.HuberLoss`. */
export class HuberLoss extends Module {
  static {
    builtInLayer(this);
  }
  readonly reduction: Reduction;
  readonly delta: number;
  constructor(options?: HuberLossOptions) {
    super();
    const o = checkOptions("HuberLoss", options, { reduction: REDUCTION, delta: "positive" });
    this.reduction = o.reduction ?? "mean";
    this.delta = o.delta ?? 1;
  }
  override describe(): LayerInfo {
    return loss("HuberLoss", `L = \\frac{1}{n}\\sum_i \\begin{cases} \\tfrac12 d_i^2 & |d_i| \\le ${this.delta} \\\\ ${this.delta}(|d_i| - \\tfrac12 \\cdot ${this.delta}) & \\text{otherwise} \\end{cases}`, { reduction: this.reduction, delta: this.delta });
  }
  override forward(pred: Tensor, target: Tensor): Tensor {
    return reduce(huberElements(pred, target, this.delta), this.reduction);
  }
}

/** Options of `nn.BCELoss`. */
export interface BCELossOptions extends LossOptions {
  /** A weight for each element's loss, broadcast against the prediction. */
  weight?: Tensor;
}

/** Binary cross-entropy on probabilities; see `nn.BCELoss`. */
export class BCELoss extends Module {
  static {
    builtInLayer(this);
  }
  readonly reduction: Reduction;
  readonly weight: Tensor | null;
  constructor(options?: BCELossOptions) {
    super();
    const o = checkOptions("BCELoss", options, { reduction: REDUCTION, weight: "checked" });
    this.reduction = o.reduction ?? "mean";
    this.weight = tensorOption("BCELoss", "weight", o.weight);
  }
  override describe(): LayerInfo {
    return loss("BCELoss", "L = -\\frac{1}{n}\\sum_i \\big[y_i \\log \\hat{y}_i + (1 - y_i)\\log(1 - \\hat{y}_i)\\big]", { reduction: this.reduction });
  }
  override forward(pred: Tensor, target: Tensor): Tensor {
    if (this.reduction === "mean" && !this.weight) return bceLoss(pred, target);
    const elements = bceElements(pred, target);
    return reduce(this.weight ? elements.mul(this.weight) : elements, this.reduction);
  }
}

/** Options of `nn.BCEWithLogitsLoss`. */
export interface BCEWithLogitsLossOptions extends BCELossOptions {
  /** Weight of the positive examples, one per class (the last dim): > 1 favours recall (torch's pos_weight). */
  posWeight?: Tensor;
}

/** Binary cross-entropy on logits; see `nn.BCEWithLogitsLoss`. */
export class BCEWithLogitsLoss extends Module {
  static {
    builtInLayer(this);
  }
  readonly reduction: Reduction;
  readonly weight: Tensor | null;
  readonly posWeight: Tensor | null;
  constructor(options?: BCEWithLogitsLossOptions) {
    super();
    const o = checkOptions("BCEWithLogitsLoss", options, { reduction: REDUCTION, weight: "checked", posWeight: "checked" });
    this.reduction = o.reduction ?? "mean";
    this.weight = tensorOption("BCEWithLogitsLoss", "weight", o.weight);
    this.posWeight = tensorOption("BCEWithLogitsLoss", "posWeight", o.posWeight);
  }
  override describe(): LayerInfo {
    return loss("BCEWithLogitsLoss", "L = -\\frac{1}{n}\\sum_i \\big[y_i \\log \\sigma(z_i) + (1 - y_i)\\log(1 - \\sigma(z_i))\\big]", { reduction: this.reduction });
  }
  override forward(logits: Tensor, target: Tensor): Tensor {
    if (this.reduction === "mean" && !this.weight && !this.posWeight) return bceWithLogitsLoss(logits, target);
    const elements = bceWithLogitsElements(logits, target, this.posWeight);
    return reduce(this.weight ? elements.mul(this.weight) : elements, this.reduction);
  }
}

/** Options of `nn.CrossEntropyLoss` and `nn.NLLLoss`. */
export interface NLLLossOptions extends LossOptions {
  /** A weight per class, [classes]: a rare class can count more. With "mean", the sum is divided by the targets' weights. */
  weight?: Tensor;
  /** A target class index that counts for nothing (default −100, as PyTorch). */
  ignoreIndex?: number;
}

/** Options of `nn.CrossEntropyLoss`. */
export interface CrossEntropyLossOptions extends NLLLossOptions {
  /** ε from 0 to 1: the target becomes (1 − ε)·one-hot + ε/classes (default 0). */
  labelSmoothing?: number;
}

/** Softmax cross-entropy on logits; see `nn.CrossEntropyLoss`. */
export class CrossEntropyLoss extends Module {
  static {
    builtInLayer(this);
  }
  readonly reduction: Reduction;
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  constructor(options?: CrossEntropyLossOptions) {
    super();
    const o = checkOptions("CrossEntropyLoss", options, { reduction: REDUCTION, weight: "checked", ignoreIndex: "integer", labelSmoothing: "probability" });
    this.reduction = o.reduction ?? "mean";
    this.weight = tensorOption("CrossEntropyLoss", "weight", o.weight);
    this.ignoreIndex = o.ignoreIndex ?? -100;
    this.labelSmoothing = o.labelSmoothing ?? 0;
  }
  override describe(): LayerInfo {
    return loss("CrossEntropyLoss", "L = -\\frac{1}{n}\\sum_i \\log \\frac{e^{z_{i,y_i}}}{\\sum_k e^{z_{i,k}}}", { reduction: this.reduction });
  }
  override forward(logits: Tensor, target: Tensor | number[]): Tensor {
    if (logits.ndim === 1) return this.forward(logits.reshape(1, -1), Array.isArray(target) ? target : target.reshape(-1));
    if (logits.ndim !== 2) throw new ShapeError(`CrossEntropyLoss: logits must be [batch, classes], got ${fmt(logits.shape)}`);
    const [n, c] = logits.shape;
    const t = Array.isArray(target) ? new Tensor(Float32Array.from(target), [target.length]) : target;
    const plain = this.reduction === "mean" && !this.weight && this.labelSmoothing === 0;
    // Class probabilities (e.g. one-hot) have the logits' shape; anything with n elements is class indices.
    if (t.ndim === 2 && t.shape[0] === n && t.shape[1] === c) {
      if (plain) return logits.logSoftmax(1).mul(t).sum().div(-n);
      return probabilityLoss(logits.logSoftmax(1), t, this);
    }
    if (plain && !hasIndex(t, this.ignoreIndex)) {
      checkIndexCount("CrossEntropyLoss", t, n, c);
      return nllLossMean("CrossEntropyLoss", logits.logSoftmax(1), t);
    }
    return indexLoss("CrossEntropyLoss", logits.logSoftmax(1), t, this, this.labelSmoothing);
  }
}

/** Negative log-likelihood of log-probabilities; see `nn.NLLLoss`. */
export class NLLLoss extends Module {
  static {
    builtInLayer(this);
  }
  readonly reduction: Reduction;
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  constructor(options?: NLLLossOptions) {
    super();
    const o = checkOptions("NLLLoss", options, { reduction: REDUCTION, weight: "checked", ignoreIndex: "integer" });
    this.reduction = o.reduction ?? "mean";
    this.weight = tensorOption("NLLLoss", "weight", o.weight);
    this.ignoreIndex = o.ignoreIndex ?? -100;
  }
  override describe(): LayerInfo {
    return loss("NLLLoss", "L = -\\frac{1}{n}\\sum_i \\log p_{i,y_i}", { reduction: this.reduction });
  }
  override forward(logProbs: Tensor, target: Tensor | number[]): Tensor {
    if (logProbs.ndim === 1) return this.forward(logProbs.reshape(1, -1), Array.isArray(target) ? target : target.reshape(-1));
    if (logProbs.ndim !== 2) throw new ShapeError(`NLLLoss: input must be log-probabilities [batch, classes], got ${fmt(logProbs.shape)}`);
    const t = Array.isArray(target) ? new Tensor(Float32Array.from(target), [target.length]) : target;
    return indexLoss("NLLLoss", logProbs, t, this, 0);
  }
}

interface ClassWeighting {
  reduction: Reduction;
  weight: Tensor | null;
  ignoreIndex: number;
}

function hasIndex(t: Tensor, index: number): boolean {
  return t.data.includes(index);
}

function checkWeight(op: string, weight: Tensor | null, c: number): void {
  if (weight && (weight.ndim !== 1 || weight.shape[0] !== c)) throw new ShapeError(`${op}: weight must hold one number per class, [${c}], got ${fmt(weight.shape)}`);
}

/**
 * −w_y·[(1 − ε)·log p_y + ε/C·Σ_c log p_c] per row (ignored rows 0), reduced as PyTorch does: "mean" divides by
 * the summed weights of the targets counted.
 */
function indexLoss(op: string, logp: Tensor, target: Tensor, o: ClassWeighting, smoothing: number): Tensor {
  const [n, c] = logp.shape;
  checkWeight(op, o.weight, c);
  const hot = oneHot(op, target, n, c, o.ignoreIndex);
  const w = o.weight?.data;
  // Each row's weight: its target's class weight, 0 where the target is ignored.
  const rowWeight = alloc(n), kept = alloc(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const k = target.data[i];
    if (k === o.ignoreIndex) continue;
    kept[i] = 1;
    rowWeight[i] = w ? w[k] : 1;
    total += rowWeight[i];
  }
  const rows = new Tensor(rowWeight, [n]);
  let perRow = logp.mul(hot).sum(1).mul(rows).neg();
  if (smoothing > 0) {
    const classWeight = o.weight ?? new Tensor(alloc(c).fill(1), [c]);
    const smooth = logp.mul(classWeight).sum(1).mul(new Tensor(kept, [n])).neg();
    perRow = perRow.mul(1 - smoothing).add(smooth.mul(smoothing / c));
  }
  if (o.reduction === "none") return perRow;
  if (o.reduction === "sum") return perRow.sum();
  return perRow.sum().div(total);
}

/** −Σ_c w_c·q_c·log p_c per row, q the target probabilities smoothed; "mean" divides by the rows. */
function probabilityLoss(logp: Tensor, probs: Tensor, o: CrossEntropyLoss): Tensor {
  const [n, c] = logp.shape;
  checkWeight("CrossEntropyLoss", o.weight, c);
  const q = o.labelSmoothing > 0 ? probs.mul(1 - o.labelSmoothing).add(o.labelSmoothing / c) : probs;
  const weighted = o.weight ? logp.mul(o.weight) : logp;
  const perRow = weighted.mul(q).sum(1).neg();
  return o.reduction === "none" ? perRow : o.reduction === "sum" ? perRow.sum() : perRow.sum().div(n);
}

function checkIndexCount(op: string, indices: Tensor, n: number, c: number): void {
  if (indices.numel() !== n) {
    throw new ShapeError(`${op}: target ${fmt(indices.shape)} must hold one class index per row of the input [${n},${c}], or be one-hot [${n},${c}]`);
  }
}

function oneHot(op: string, indices: Tensor, n: number, c: number, ignoreIndex: number): Tensor {
  checkIndexCount(op, indices, n, c);
  const out = alloc(n * c);
  for (let i = 0; i < n; i++) {
    const k = indices.data[i];
    if (k === ignoreIndex) continue;
    checkClass(op, k, i, c);
    out[i * c + k] = 1;
  }
  return new Tensor(out, [n, c]);
}
