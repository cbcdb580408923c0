// The engine's public entry: every export is a name for cells to use.
import { callable } from "./callable";
import * as perceptron from "./perceptron";

export { Tensor } from "./tensor";
export { tensor, zeros, ones, full, eye, arange, linspace, rand, randn, randint, randperm, zerosLike, onesLike, randnLike, randLike } from "./creation";
export type { TensorLike, TensorOptions, RandomOptions } from "./creation";
export { noGrad } from "./autograd";
export { cat, stack } from "./ops/join";
export { where } from "./ops/where";
export { manualSeed } from "./random";
export { ShapeError } from "./shape";
export * as nn from "./nn/index";
/**
 * PyTorch's `torch.nn.functional` (`import torch.nn.functional as F`): relu, leakyRelu, gelu, silu, sigmoid, tanh,
 * elu, softplus, softmax, logSoftmax, dropout, linear, pad, oneHot, conv2d, maxPool2d, and the losses mseLoss, l1Loss, huberLoss,
 * binaryCrossEntropy, binaryCrossEntropyWithLogits, crossEntropy, nllLoss — each the same math as its module.
 * @example const loss = F.crossEntropy(net(x), labels);
 */
export * as F from "./nn/functional";
export type { PerceptronHistory } from "./perceptron";
export * as optim from "./optim/index";

/**
 * Rosenblatt's perceptron: ŷ = step(w·x + b), 1 where w·x + b ≥ 0, else 0. `fit` applies
 * the classic rule w ← w + η(y − ŷ)x, b ← b + η(y − ŷ) point by point (labels 0/1, weights
 * start at 0) and returns a history of mistakes per epoch. It finds a separating line
 * whenever one exists (and never for XOR).
 * @example const p = Perceptron(2); p.fit(data.and(), { lr: 1, epochs: 10 }); p.predict(x); p.weight; p.bias
 */
export const Perceptron = callable(perceptron.Perceptron);
export type Perceptron = perceptron.Perceptron;

export * as data from "./data/index";
export { Dataset } from "./data/index";
export type { Task, DatasetInfo, Normalization } from "./data/index";
export { train, History, TrainingError } from "./train/index";
export type { TrainOptions, TrainingHooks, ProgressState, LiveRun, LiveRecording, LiveViews, Snapshot, HistoryJSON } from "./train/index";
export { save, load } from "./io/saveModel";
