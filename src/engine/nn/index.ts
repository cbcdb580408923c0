// The `nn` namespace: layers, losses and helpers, callable with or without `new`.
import { callable, type Callable } from "../callable";
import * as act from "./activation";
import * as lin from "./linear";
import * as seq from "./sequential";
import type { Module as AnyModule } from "./module";
import * as loss from "./loss";
import * as initFns from "./init";
import * as drop from "./dropout";
import * as bn from "./batchnorm";

import { clipGradNorm, clipGradValue } from "./clip";
import * as ln from "./layerNorm";
import * as emb from "./embedding";
import * as list from "./moduleList";
import * as conv from "./conv";
import * as attention from "./attention";
import * as rec from "./recurrent";

export { clipGradNorm, clipGradValue };

/** PyTorch's `torch.nn.functional`, also the global `F`: the layers and losses as functions. @example nn.functional.relu(x) */
export * as functional from "./functional";

/** PyTorch's `torch.nn.utils`: `clipGradNorm`, `clipGradValue`. @example nn.utils.clipGradNorm(net.parameters(), 1) */
export const utils = { clipGradNorm, clipGradValue };
export { load } from "./serialize";
export type { ModuleJSON } from "./serialize";
export type { LayerInfo } from "./layerInfo";
export type { BatchNormOptions } from "./batchnorm";
export type { LayerNormOptions } from "./layerNorm";
export type { AvgPool2dLayerOptions, Conv2dLayerOptions, MaxPool2dLayerOptions } from "./conv";
export type { MultiheadAttentionOptions, AttentionForwardOptions } from "./attention";
export type { RecurrentOptions, RNNOptions } from "./recurrent";
export type { Reduction, LossOptions, HuberLossOptions, BCELossOptions, BCEWithLogitsLossOptions, NLLLossOptions, CrossEntropyLossOptions } from "./loss";
export type { StateValue, LoadResult } from "./stateDict";

export { Module } from "./module";
export { Parameter } from "./parameter";
export type { LinearOptions } from "./linear";
export type { InitName } from "./init";

/**
 * Weight initialisation schemes that fill a tensor in place (torch.nn.init): `xavierUniform`, `xavierNormal`,
 * `heUniform`, `heNormal` (also PyTorch's names `kaimingUniform`, `kaimingNormal`), `normal(t, mean, std)`,
 * `uniform(t, a, b)`, `constant(t, v)`, `zeros`, `ones`.
 * @example nn.init.xavierUniform(layer.weight)
 */
export const init = {
  xavierUniform: initFns.xavierUniform,
  xavierNormal: initFns.xavierNormal,
  heUniform: initFns.heUniform,
  heNormal: initFns.heNormal,
  kaimingUniform: initFns.heUniform,
  kaimingNormal: initFns.heNormal,
  normal: initFns.normal,
  uniform: initFns.uniform,
  constant: initFns.constant,
  zeros: initFns.zeros,
  ones: initFns.ones,
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
export const Sequential = callable(seq.Sequential) as Callable<typeof seq.Sequential, <L extends AnyModule[]>(...layers: L) => Sequential<L>>;
/** A `Sequential`; made by `nn.Sequential(…)`, `net[i]` has the type of its i-th layer, so `net[0].weight` reads as in PyTorch. */
export type Sequential<L extends AnyModule[] = AnyModule[]> = seq.Sequential & { readonly [K in keyof L & `${number}`]: L[K] };

/** ReLU layer: max(0, x) (torch.nn.ReLU). @example nn.Sequential(nn.Linear(2, 8), nn.ReLU()) */
export const ReLU = callable(act.ReLU);
export type ReLU = act.ReLU;

/** Leaky ReLU layer: x for x > 0, else negativeSlope·x, 0.01 by default (torch.nn.LeakyReLU); also `{ negativeSlope }`. @example nn.LeakyReLU(0.2) */
export const LeakyReLU = callable(act.LeakyReLU);
export type LeakyReLU = act.LeakyReLU;

/** Sigmoid layer σ(x) = 1 / (1 + e⁻ˣ): outputs in (0, 1), for probabilities (torch.nn.Sigmoid). @example nn.Sigmoid() */
export const Sigmoid = callable(act.Sigmoid);
export type Sigmoid = act.Sigmoid;

/** tanh layer: outputs in (−1, 1), zero-centred (torch.nn.Tanh). @example nn.Tanh() */
export const Tanh = callable(act.Tanh);
export type Tanh = act.Tanh;

/** GELU layer x·Φ(x), Φ the standard normal CDF (torch.nn.GELU); `{ approximate: "tanh" }` uses ½x(1 + tanh(√(2/π)(x + 0.044715x³))). @example nn.GELU() */
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

/** Log-softmax layer along `dim` (default −1): z − log Σ e^z, computed stably; feeds nn.NLLLoss (torch.nn.LogSoftmax). @example nn.LogSoftmax(1) */
export const LogSoftmax = callable(act.LogSoftmax);
export type LogSoftmax = act.LogSoftmax;

/** ELU layer: x for x > 0, else α(eˣ − 1), α = 1 by default (torch.nn.ELU). @example nn.ELU(0.5) */
export const ELU = callable(act.ELU);
export type ELU = act.ELU;

/** Softplus layer: log(1 + e^(βx))/β, a smooth ReLU; x itself where βx > threshold (default β 1, threshold 20) (torch.nn.Softplus). @example nn.Softplus({ beta: 2 }) */
export const Softplus = callable(act.Softplus);
export type Softplus = act.Softplus;

/** The input unchanged (torch.nn.Identity): a placeholder where a layer is optional. @example nn.Sequential(nn.Linear(2, 2), useNorm ? nn.LayerNorm(2) : nn.Identity()) */
export const Identity = callable(act.Identity);
export type Identity = act.Identity;

/**
 * Layer normalisation (torch.nn.LayerNorm): each example normalised over its last dims `normalizedShape`,
 * y = (x − mean)/√(var + eps)·weight + bias, mean and biased var over those dims. Unlike batch norm it does
 * not depend on the batch, and train and eval are the same. Options `eps` (1e-5), `elementwiseAffine` (true), `bias` (true).
 * @example nn.Sequential(nn.Linear(8, 16), nn.LayerNorm(16), nn.ReLU())
 */
export const LayerNorm = callable(ln.LayerNorm);
export type LayerNorm = ln.LayerNorm;

/**
 * A table of learned vectors (torch.nn.Embedding): indices of any shape → [...shape, embeddingDim], each row
 * W[i]; weight [numEmbeddings, embeddingDim] starts N(0, 1). `{ paddingIdx }`: that row starts at 0 and gets no gradient.
 * @example const emb = nn.Embedding(10, 3); emb(tensor([1, 4, 4])) // [3, 3]
 */
export const Embedding = callable(emb.Embedding);
export type Embedding = emb.Embedding;

/**
 * A list of modules, each registered so `parameters()` finds them, named `0`, `1`, … (torch.nn.ModuleList).
 * Index it (`layers[0]`), iterate it, `append`, `extend`; it has no forward of its own.
 * @example class Net extends nn.Module { layers = nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4)]); forward(x: Tensor) { for (const l of this.layers) x = l(x).relu(); return x; } }
 */
export const ModuleList = callable(list.ModuleList);
export type ModuleList = list.ModuleList;

/** Flatten layer: [n, 8, 8] → [n, 64], keeping the batch dim (torch.nn.Flatten, startDim = 1). @example nn.Flatten() */
export const Flatten = callable(act.Flatten);
export type Flatten = act.Flatten;

/**
 * Mean squared error loss (torch.nn.MSELoss): mean((pred − target)²) over all elements; `{ reduction: "sum" }`
 * sums them, `"none"` keeps one per element. pred and target must have the same shape.
 * @example const lossFn = nn.MSELoss(); const loss = lossFn(net(x), y); // scalar tensor
 */
export const MSELoss = callable(loss.MSELoss);
export type MSELoss = loss.MSELoss;

/**
 * Mean absolute error (torch.nn.L1Loss): mean(|pred − target|); `reduction` "sum" or "none" as every loss.
 * Less pulled by outliers than MSE. Gradient sign(pred − target)/n.
 * @example const loss = nn.L1Loss()(pred, y);
 */
export const L1Loss = callable(loss.L1Loss);
export type L1Loss = loss.L1Loss;

/**
 * Huber loss (torch.nn.HuberLoss): with d = pred − target, ½d² where |d| ≤ delta, else delta·(|d| − ½delta);
 * quadratic near the target, linear for outliers. delta defaults to 1; `reduction` as every loss.
 * @example const loss = nn.HuberLoss({ delta: 0.5 })(pred, y);
 */
export const HuberLoss = callable(loss.HuberLoss);
export type HuberLoss = loss.HuberLoss;

/**
 * Negative log-likelihood (torch.nn.NLLLoss): input log-probabilities [batch, classes] (after nn.LogSoftmax),
 * targets class indices [batch]; loss −w_y·log p_y per row. Options `weight` (per class), `ignoreIndex`
 * (default −100) and `reduction`; "mean" divides by the weights of the targets counted.
 * @example const loss = nn.NLLLoss()(logits.logSoftmax(1), labels);
 */
export const NLLLoss = callable(loss.NLLLoss);
export type NLLLoss = loss.NLLLoss;

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

/**
 * Batch normalisation of images (torch.nn.BatchNorm2d), [N, C, H, W]: each channel normalised over the batch and
 * the image, y = γ·(x − μ_c)/√(σ²_c + eps) + β; running averages for eval mode, `{ eps, momentum }`.
 * @example nn.Sequential(nn.Conv2d(1, 8, 3, { padding: 1 }), nn.BatchNorm2d(8), nn.ReLU())
 */
export const BatchNorm2d = callable(bn.BatchNorm2d);
export type BatchNorm2d = bn.BatchNorm2d;

/**
 * 2-D convolution (torch.nn.Conv2d): input [N, inChannels, H, W] → [N, outChannels, H', W'], each output channel
 * the sum over input channels of a kH × kW kernel slid over the image (cross-correlation), plus a bias.
 * H' = ⌊(H + 2·padding − dilation·(kH − 1) − 1)/stride⌋ + 1. Options `stride`, `padding`, `dilation` (a number or
 * [h, w]), `groups`, `bias`. Weight [out, in/groups, kH, kW] and bias start U(−1/√fanIn, 1/√fanIn), as PyTorch's.
 * @example nn.Sequential(nn.Conv2d(1, 8, 3, { padding: 1 }), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(128, 10))
 */
export const Conv2d = callable(conv.Conv2d);
export type Conv2d = conv.Conv2d;

/**
 * 2-D max pooling (torch.nn.MaxPool2d): the largest value of each kernelSize window, stepping by stride (default
 * kernelSize); [N, C, H, W] → [N, C, H', W']. Options `stride`, `padding`, `dilation`, `ceilMode`.
 * @example nn.MaxPool2d(2) // [n, 8, 8, 8] → [n, 8, 4, 4]
 */
export const MaxPool2d = callable(conv.MaxPool2d);
export type MaxPool2d = conv.MaxPool2d;

/**
 * 2-D average pooling (torch.nn.AvgPool2d): the mean of each kernelSize window, stepping by stride (default
 * kernelSize); `{ stride, padding, ceilMode, countIncludePad, divisorOverride }` as PyTorch.
 * @example nn.AvgPool2d(2) // [n, 8, 8, 8] → [n, 8, 4, 4]
 */
export const AvgPool2d = callable(conv.AvgPool2d);
export type AvgPool2d = conv.AvgPool2d;

/**
 * Multi-head attention (torch.nn.MultiheadAttention): each of numHeads heads attends with
 * headᵢ = softmax(Q Wᵢ^Q (K Wᵢ^K)ᵀ/√(embedDim/numHeads) + M) V Wᵢ^V, and the heads, joined, go through outProj.
 * `mha(query, key, value, options)` → `[output, weights]`: query [L, N, E] ([N, L, E] with `batchFirst`, or
 * unbatched [L, E]), key [S, N, kdim] and value [S, N, vdim] likewise; output as the query; weights [N, L, S]
 * averaged over the heads ([N, numHeads, L, S] with `averageAttnWeights: false`, null with `needWeights: false`).
 * Self-attention is `mha(x, x, x)`. Masks: `attnMask` [L, S] or [N·numHeads, L, S], `keyPaddingMask` [N, S],
 * `isCausal`; a mask of 0s and 1s is PyTorch's bool mask (1 = may not attend), any other is added to the scores
 * (0 and −Infinity). A query whose every key is masked is an error (PyTorch gives NaN). Options `dropout` (on the
 * weights, while training), `bias`, `batchFirst`, `kdim`, `vdim`. Parameters as PyTorch's: `inProjWeight`
 * [3E, E] (xavier uniform; `qProjWeight`, `kProjWeight`, `vProjWeight` when kdim or vdim differ), `inProjBias`
 * [3E] (zeros), `outProj` a Linear(E, E) with a zero bias; state dict keys `in_proj_weight`, `out_proj.weight`, ….
 * @example const mha = nn.MultiheadAttention(16, 4, { batchFirst: true }); const [out, w] = mha(x, x, x); // x [n, l, 16] → out [n, l, 16], w [n, l, l]
 */
export const MultiheadAttention = callable(attention.MultiheadAttention);
export type MultiheadAttention = attention.MultiheadAttention;

/**
 * Elman recurrent network (torch.nn.RNN): h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) (or ReLU with
 * `{ nonlinearity: "relu" }`). Input [seq, batch, inputSize] ([batch, seq, inputSize] with `batchFirst`, or unbatched
 * [seq, inputSize]); `rnn(x, h0?)` returns `[output, hN]`: output [seq, batch, D·hiddenSize] (D = 2 when
 * `bidirectional`), hN [D·numLayers, batch, hiddenSize]. Options `numLayers` (also positional), `bias`, `batchFirst`,
 * `dropout` (between layers, in training), `bidirectional`. Parameters `weight_ih_l0` [hidden, input],
 * `weight_hh_l0` [hidden, hidden], `bias_ih_l0`, `bias_hh_l0`, `…_reverse`, all U(−1/√hidden, 1/√hidden) as PyTorch's.
 * @example const rnn = nn.RNN(3, 8); const [out, h] = rnn(randn(10, 4, 3)); // out [10, 4, 8], h [1, 4, 8]
 */
export const RNN = callable(rec.RNN);
export type RNN = rec.RNN;

/**
 * Long short-term memory (torch.nn.LSTM), gates in PyTorch's order i, f, g, o: i, f, o = σ(W_i· x_t + b_i· + W_h· h_{t−1} + b_h·),
 * g = tanh(…), c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t). Input [seq, batch, inputSize] (`batchFirst`: [batch, seq, …];
 * unbatched [seq, inputSize]); `lstm(x, [h0, c0]?)` returns `[output, [hN, cN]]`: output [seq, batch, D·hiddenSize],
 * hN and cN [D·numLayers, batch, hiddenSize]. Options as nn.RNN but `nonlinearity`. Weights `weight_ih_l0` [4·hidden, input],
 * `weight_hh_l0` [4·hidden, hidden], biases [4·hidden], all U(−1/√hidden, 1/√hidden).
 * @example const lstm = nn.LSTM(1, 16, 2, { batchFirst: true }); const [out, [h, c]] = lstm(x); // x [batch, seq, 1]
 */
export const LSTM = callable(rec.LSTM);
export type LSTM = rec.LSTM;

/**
 * Gated recurrent unit (torch.nn.GRU), gates in PyTorch's order r, z, n: r, z = σ(W_i· x_t + b_i· + W_h· h_{t−1} + b_h·),
 * n = tanh(W_in x_t + b_in + r ⊙ (W_hn h_{t−1} + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}. Shapes and options as nn.RNN
 * (no `nonlinearity`); `gru(x, h0?)` returns `[output, hN]`. Weights [3·hidden, input] and [3·hidden, hidden].
 * @example const gru = nn.GRU(3, 8, { bidirectional: true }); const [out, h] = gru(randn(10, 3)); // out [10, 16], h [2, 8]
 */
export const GRU = callable(rec.GRU);
export type GRU = rec.GRU;
