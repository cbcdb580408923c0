// The `optim` namespace: optimizers and learning-rate schedules, callable with or without `new`.
import { callable } from "../callable";
import * as sgd from "./sgd";
import * as adam from "./adam";
import * as rms from "./rmsprop";
import * as adagrad from "./adagrad";
import * as sched from "./scheduler";
import * as cosine from "./cosine";
import * as oneCycle from "./oneCycle";
import * as plateau from "./plateau";
import * as sequential from "./sequential";

export { Optimizer } from "./optimizer";
export type { ParamGroup, ParamGroupSpec, Params } from "./optimizer";
export { LRScheduler } from "./scheduler";
export type { SGDOptions, SGDParamGroup } from "./sgd";
export type { AdamOptions, AdamParamGroup } from "./adam";
export type { RMSpropOptions, RMSpropParamGroup } from "./rmsprop";
export type { AdagradOptions, AdagradParamGroup } from "./adagrad";
export type { StepLROptions, MultiStepLROptions, ExponentialLROptions, LinearLROptions, LinearWarmupOptions, LambdaLROptions, LrLambda } from "./scheduler";
export type { CosineAnnealingLROptions, CosineAnnealingWarmRestartsOptions } from "./cosine";
export type { OneCycleLROptions } from "./oneCycle";
export type { ReduceLROnPlateauOptions } from "./plateau";
export type { SequentialLROptions } from "./sequential";

/**
 * Stochastic gradient descent (torch.optim.SGD). With g = ∇w (−∇w when maximize) + weightDecay·w:
 * momentum 0: w ← w − lr·g; else v ← momentum·v + (1 − dampening)·g (v₁ = g₁) and
 * w ← w − lr·v, or w ← w − lr·(g + momentum·v) with nesterov. `lr` is required, as in PyTorch.
 * Defaults: momentum 0, dampening 0, nesterov false, weightDecay 0, maximize false.
 * `params`: `net.parameters()`, a list of tensors, or param groups `[{ params, lr?, momentum?, … }]`.
 * @example const opt = optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 }); opt.zeroGrad(); loss.backward(); opt.step();
 */
export const SGD = callable(sgd.SGD);
export type SGD = sgd.SGD;

/**
 * Adam (torch.optim.Adam): per-weight step sizes from running averages of the gradient and its square.
 * g ← ∇w + weightDecay·w (L2), m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − lr·m̂/(√v̂ + ε) with
 * m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ) (amsgrad: v̂ from the largest v so far).
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, amsgrad false, maximize false.
 * @example const opt = optim.Adam(net.parameters(), { lr: 0.01 });
 */
export const Adam = callable(adam.Adam);
export type Adam = adam.Adam;

/**
 * AdamW (torch.optim.AdamW): Adam with decoupled weight decay — each step first shrinks
 * w ← w·(1 − lr·weightDecay), then takes the Adam step on the plain gradient.
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0.01, amsgrad false.
 * @example const opt = optim.AdamW(net.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 */
export const AdamW = callable(adam.AdamW);
export type AdamW = adam.AdamW;

/**
 * RMSprop (torch.optim.RMSprop): g ← ∇w + weightDecay·w, s ← αs + (1−α)g², w ← w − lr·g/(√s + ε): steps shrink
 * where gradients are large. centered: √(s − ḡ²) with ḡ ← αḡ + (1−α)g; momentum μ: b ← μb + g/(√s + ε), w ← w − lr·b.
 * Defaults: lr 0.01, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false.
 * @example const opt = optim.RMSprop(net.parameters(), { lr: 0.01 });
 */
export const RMSprop = callable(rms.RMSprop);
export type RMSprop = rms.RMSprop;

/**
 * Adagrad (torch.optim.Adagrad): g ← ∇w + weightDecay·w, Σ ← Σ + g², w ← w − lrₜ·g/(√Σ + ε) with
 * lrₜ = lr/(1 + (t − 1)·lrDecay): each weight's steps shrink with the gradients it has seen.
 * Defaults: lr 0.01, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10.
 * @example const opt = optim.Adagrad(net.parameters(), { lr: 0.1 });
 */
export const Adagrad = callable(adagrad.Adagrad);
export type Adagrad = adagrad.Adagrad;

/**
 * Multiply each group's lr by gamma every stepSize steps (torch.optim.lr_scheduler.StepLR):
 * lr = initialLr·gamma^⌊epoch/stepSize⌋ when alone. gamma defaults to 0.1. Call `step()` after each epoch.
 * @example const sched = optim.StepLR(opt, { stepSize: 30, gamma: 0.5 }); // each epoch: … opt.step(); sched.step();
 */
export const StepLR = callable(sched.StepLR);
export type StepLR = sched.StepLR;

/**
 * Multiply each group's lr by gamma at each milestone (torch.optim.lr_scheduler.MultiStepLR):
 * lr = initialLr·gamma^(milestones passed) when alone. gamma defaults to 0.1.
 * @example const sched = optim.MultiStepLR(opt, { milestones: [30, 80], gamma: 0.1 });
 */
export const MultiStepLR = callable(sched.MultiStepLR);
export type MultiStepLR = sched.MultiStepLR;

/**
 * Multiply each group's lr by gamma every step (torch.optim.lr_scheduler.ExponentialLR): lr = initialLr·gammaᵉᵖᵒᶜʰ when alone.
 * @example const sched = optim.ExponentialLR(opt, { gamma: 0.95 });
 */
export const ExponentialLR = callable(sched.ExponentialLR);
export type ExponentialLR = sched.ExponentialLR;

/**
 * Cosine annealing (torch.optim.lr_scheduler.CosineAnnealingLR), in PyTorch's chainable form:
 * lr ← etaMin + (lr − etaMin)·(1 + cos(π·t/tMax))/(1 + cos(π·(t−1)/tMax)); alone, lr = etaMin + (initialLr − etaMin)·(1 + cos(π·t/tMax))/2,
 * from initialLr down to etaMin (default 0) at step tMax, then back up.
 * @example const sched = optim.CosineAnnealingLR(opt, { tMax: 100 });
 */
export const CosineAnnealingLR = callable(cosine.CosineAnnealingLR);
export type CosineAnnealingLR = cosine.CosineAnnealingLR;

/**
 * SGDR, cosine annealing with warm restarts (torch.optim.lr_scheduler.CosineAnnealingWarmRestarts):
 * lr = etaMin + (initialLr − etaMin)·(1 + cos(π·tCur/tI))/2, where tCur counts steps since the last restart and the
 * period tI starts at t0 and is multiplied by tMult (default 1) at each restart. `step(epoch)` also takes a
 * fractional epoch, as PyTorch: `sched.step(epoch + i / batches)`.
 * @example const sched = optim.CosineAnnealingWarmRestarts(opt, { t0: 10, tMult: 2 });
 */
export const CosineAnnealingWarmRestarts = callable(cosine.CosineAnnealingWarmRestarts);
export type CosineAnnealingWarmRestarts = cosine.CosineAnnealingWarmRestarts;

/**
 * Linear change of the lr's factor (torch.optim.lr_scheduler.LinearLR): from startFactor (default 1/3) on the
 * first step to endFactor (default 1) after totalIters steps (default 5); alone,
 * lr = initialLr·(startFactor + (endFactor − startFactor)·min(t, totalIters)/totalIters).
 * @example const warm = optim.LinearLR(opt, { startFactor: 0.1, totalIters: 10 });
 */
export const LinearLR = callable(sched.LinearLR);
export type LinearLR = sched.LinearLR;

/**
 * Linear warm-up (ours; torch's LinearLR with startFactor = 1/steps, endFactor = 1, totalIters = steps − 1):
 * lr = initialLr·min(t + 1, steps)/steps, so the first step uses initialLr/steps and the full rate is reached
 * after steps − 1 calls to `step()`. Compose it with a decay through `optim.SequentialLR`.
 * @example const warm = optim.LinearWarmup(opt, { steps: 10 });
 */
export const LinearWarmup = callable(sched.LinearWarmup);
export type LinearWarmup = sched.LinearWarmup;

/**
 * The 1cycle policy (torch.optim.lr_scheduler.OneCycleLR), stepped after every batch: the lr goes from
 * maxLr/divFactor up to maxLr over the first pctStart of totalSteps, then down to maxLr/(divFactor·finalDivFactor),
 * cosine ("cos") or linear between the ends; with threePhase, up, back to the start, then down. As PyTorch, the
 * momentum (SGD's momentum, Adam's β₁) cycles the other way, from maxMomentum to baseMomentum and back,
 * unless cycleMomentum is false. Defaults: pctStart 0.3, divFactor 25, finalDivFactor 1e4, baseMomentum 0.85, maxMomentum 0.95.
 * `train()` steps its scheduler once per epoch: there, give `totalSteps: epochs`.
 * @example const sched = optim.OneCycleLR(opt, { maxLr: 0.1, totalSteps: epochs * batches });
 */
export const OneCycleLR = callable(oneCycle.OneCycleLR);
export type OneCycleLR = oneCycle.OneCycleLR;

/**
 * Reduce the lr when a metric stops improving (torch.optim.lr_scheduler.ReduceLROnPlateau): `step(metric)` after
 * each epoch; when the metric has not beaten its best (by threshold, "rel" or "abs") for more than patience steps,
 * each group's lr ← max(lr·factor, minLr), then cooldown steps pass before counting again. `train()` steps it with
 * the validation loss (the training loss without validation). Defaults: mode "min", factor 0.1, patience 10,
 * threshold 1e-4, thresholdMode "rel", cooldown 0, minLr 0, eps 1e-8.
 * @example const sched = optim.ReduceLROnPlateau(opt, { factor: 0.5, patience: 5 }); sched.step(valLoss);
 */
export const ReduceLROnPlateau = callable(plateau.ReduceLROnPlateau);
export type ReduceLROnPlateau = plateau.ReduceLROnPlateau;

/**
 * Schedulers one after the other (torch.optim.lr_scheduler.SequentialLR): schedulers[i] runs from milestones[i−1]
 * (restarting there from its own step 0) to milestones[i]. Each must be made on the same optimizer.
 * @example const sched = optim.SequentialLR(opt, { schedulers: [optim.LinearLR(opt, { startFactor: 0.1, totalIters: 5 }), optim.CosineAnnealingLR(opt, { tMax: 95 })], milestones: [5] });
 */
export const SequentialLR = callable(sequential.SequentialLR);
export type SequentialLR = sequential.SequentialLR;

/**
 * lr = initialLr·lrLambda(epoch) (torch.optim.lr_scheduler.LambdaLR): the factor from your function, or one
 * function per param group. Also `optim.LambdaLR(opt, { lrLambda })`.
 * @example const sched = optim.LambdaLR(opt, (epoch) => 0.95 ** epoch);
 */
export const LambdaLR = callable(sched.LambdaLR);
export type LambdaLR = sched.LambdaLR;
