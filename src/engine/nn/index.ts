// The `nn` namespace: layers, losses and helpers, callable with or without `new`.
import { callable } from "../callable";
import * as act from "./activation";
import * as lin from "./linear";
import * as seq from "./sequential";
import * as loss from "./loss";
import * as initFns from "./init";
import * as drop from "./dropout";
import * as bn from "./batchnorm";

export { clipGradNorm } from "./clip";
export { load } from "./serialize";
export type { ModuleJSON } from "./serialize";
export type { LayerInfo } from "./layerInfo";
export type { BatchNormOptions } from "./batchnorm";

export { Module } from "./module";
export { Parameter } from "./parameter";
export type { LinearOptions } from "./linear";
export type { InitName } from "./init";

/**
 * Weight initialisation schemes that fill a tensor in place:
 * `xavierUniform`, `xavierNormal`, `heUniform`, `heNormal`, `normal`, `zeros`.
 * @example nn.init.xavierUniform(layer.weight)
 */
export const init = {
  xavierUniform: initFns.xavierUniform,
  xavierNormal: initFns.xavierNormal,
  heUniform: initFns.heUniform,
  heNormal: initFns.heNormal,
  normal: initFns.normal,
  zeros: initFns.zeros,
};

/**
 * Fully connected layer y = x·Wᵀ + b (torch.nn.Linear). x: [batch, inFeatures] →
 * [batch, outFeatures]. `weight` is [outFeatures, inFeatures], `bias` is [outFeatures];
 * both start U(−1/√in, 1/√in) unless `init` says otherwise ("xavier" | "he" | "normal" | "zeros").
 * @example const layer = nn.Linear(2, 4); layer.forward(x) // [n, 2] → [n, 4]
 */
export const Linear = callable(lin.Linear);
export type Linear = lin.Linear;

/**
 * Layers applied in order, the output of each feeding the next (torch.nn.Sequential).
 * Parameters are named by position: `0.weight`, `0.bias`, `2.weight`, …
 * @example const net = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
 */
export const Sequential = callable(seq.Sequential);
export type Sequential = seq.Sequential;

/** ReLU layer: max(0, x) (torch.nn.ReLU). @example nn.Sequential(nn.Linear(2, 8), nn.ReLU()) */
export const ReLU = callable(act.ReLU);
export type ReLU = act.ReLU;

/** Leaky ReLU layer: x for x > 0, else alpha·x, alpha = 0.01 by default (torch.nn.LeakyReLU). @example nn.LeakyReLU(0.1) */
export const LeakyReLU = callable(act.LeakyReLU);
export type LeakyReLU = act.LeakyReLU;

/** Sigmoid layer σ(x) = 1 / (1 + e⁻ˣ): outputs in (0, 1), for probabilities (torch.nn.Sigmoid). @example nn.Sigmoid() */
export const Sigmoid = callable(act.Sigmoid);
export type Sigmoid = act.Sigmoid;

/** tanh layer: outputs in (−1, 1), zero-centred (torch.nn.Tanh). @example nn.Tanh() */
export const Tanh = callable(act.Tanh);
export type Tanh = act.Tanh;

/** GELU layer x·Φ(x), Φ the standard normal CDF (torch.nn.GELU). @example nn.GELU() */
export const GELU = callable(act.GELU);
export type GELU = act.GELU;

/** SiLU / swish layer x·σ(x) (torch.nn.SiLU). @example nn.SiLU() */
export const SiLU = callable(act.SiLU);
export type SiLU = act.SiLU;

/** Heaviside step layer: 1 where x ≥ 0, else 0 — the perceptron's activation. Its gradient is 0. @example nn.Step() */
export const Step = callable(act.Step);
export type Step = act.Step;

/** Softmax layer along `dim` (default −1, the last): each row becomes probabilities summing to 1 (torch.nn.Softmax). @example nn.Softmax(1) */
export const Softmax = callable(act.Softmax);
export type Softmax = act.Softmax;

/** Flatten layer: [n, 8, 8] → [n, 64], keeping the batch dim (torch.nn.Flatten, startDim = 1). @example nn.Flatten() */
export const Flatten = callable(act.Flatten);
export type Flatten = act.Flatten;

/**
 * Mean squared error loss: mean((pred − target)²) over all elements (torch.nn.MSELoss,
 * reduction "mean"). pred and target must have the same shape.
 * @example const loss = nn.MSELoss().forward(net.forward(x), y); // scalar tensor
 */
export const MSELoss = callable(loss.MSELoss);
export type MSELoss = loss.MSELoss;

/**
 * Binary cross-entropy on probabilities p in [0, 1] (torch.nn.BCELoss):
 * mean(−[y·log p + (1 − y)·log(1 − p)]), logs clamped at −100. Put nn.Sigmoid() last in the network.
 * @example const loss = nn.BCELoss().forward(net.forward(x), y); // y of 0s and 1s, same shape
 */
export const BCELoss = callable(loss.BCELoss);
export type BCELoss = loss.BCELoss;

/**
 * Binary cross-entropy on raw scores (logits), with the sigmoid built in
 * (torch.nn.BCEWithLogitsLoss): mean(max(x, 0) − x·y + log(1 + e^−|x|)). Stable for any x;
 * prefer it to Sigmoid + BCELoss.
 * @example const loss = nn.BCEWithLogitsLoss().forward(logits, y);
 */
export const BCEWithLogitsLoss = callable(loss.BCEWithLogitsLoss);
export type BCEWithLogitsLoss = loss.BCEWithLogitsLoss;

/**
 * Softmax cross-entropy for classification (torch.nn.CrossEntropyLoss): logits [batch, classes]
 * (no softmax layer before it) and targets as class indices [batch] (e.g. tensor([0, 2, 1]))
 * or one-hot / probabilities [batch, classes]. Loss = mean over the batch of −Σ_c y_c·logSoftmax(x)_c.
 * @example const loss = nn.CrossEntropyLoss().forward(net.forward(x), labels);
 */
export const CrossEntropyLoss = callable(loss.CrossEntropyLoss);
export type CrossEntropyLoss = loss.CrossEntropyLoss;

/**
 * Dropout (torch.nn.Dropout): in training mode each element is zeroed with probability p
 * (default 0.5) and the rest scaled by 1/(1 − p); in eval mode it passes x through unchanged.
 * @example nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 10))
 */
export const Dropout = callable(drop.Dropout);
export type Dropout = drop.Dropout;

/**
 * Batch normalisation (torch.nn.BatchNorm1d) for [batch, features] or [batch, features, length]:
 * y = (x − mean)/√(var + eps)·weight + bias per feature. Training uses the batch's statistics and
 * updates the buffers runningMean, runningVar (momentum 0.1, unbiased variance); eval uses them.
 * @example nn.Sequential(nn.Linear(2, 16), nn.BatchNorm1d(16), nn.ReLU())
 */
export const BatchNorm1d = callable(bn.BatchNorm1d);
export type BatchNorm1d = bn.BatchNorm1d;
