// The `optim` namespace: optimizers and learning-rate schedules, callable with or without `new`.
import { callable } from "../callable";
import * as sgd from "./sgd";
import * as adam from "./adam";
import * as rms from "./rmsprop";
import * as sched from "./scheduler";

export { Optimizer } from "./optimizer";
export { LRScheduler } from "./scheduler";
export type { SGDOptions } from "./sgd";
export type { AdamOptions } from "./adam";
export type { RMSpropOptions } from "./rmsprop";

/**
 * Stochastic gradient descent (torch.optim.SGD). With g = grad + weightDecay·w:
 * momentum 0: w ← w − lr·g; else v ← momentum·v + g (v starts at the first g) and
 * w ← w − lr·v, or w ← w − lr·(g + momentum·v) with nesterov.
 * @example const opt = optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 }); opt.zeroGrad(); loss.backward(); opt.step();
 */
export const SGD = callable(sgd.SGD);
export type SGD = sgd.SGD;

/**
 * Adam (torch.optim.Adam): per-weight step sizes from running averages of the gradient
 * and its square. m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − lr·m̂/(√v̂ + ε) with
 * m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). weightDecay adds λw to g (L2). Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8.
 * @example const opt = optim.Adam(net.parameters(), { lr: 0.01 });
 */
export const Adam = callable(adam.Adam);
export type Adam = adam.Adam;

/**
 * AdamW (torch.optim.AdamW): Adam with decoupled weight decay — each step first shrinks
 * w ← w·(1 − lr·weightDecay), then takes the Adam step on the plain gradient. weightDecay defaults to 0.01.
 * @example const opt = optim.AdamW(net.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 */
export const AdamW = callable(adam.AdamW);
export type AdamW = adam.AdamW;

/**
 * RMSprop (torch.optim.RMSprop): s ← αs + (1−α)g², w ← w − lr·g/(√s + ε): steps shrink
 * where gradients are large. Defaults: lr 0.01, alpha 0.99, eps 1e-8.
 * @example const opt = optim.RMSprop(net.parameters(), { lr: 0.01 });
 */
export const RMSprop = callable(rms.RMSprop);
export type RMSprop = rms.RMSprop;

/**
 * Multiply the learning rate by gamma every stepSize epochs (torch.optim.lr_scheduler.StepLR):
 * lr = baseLr · gamma^⌊epoch/stepSize⌋. gamma defaults to 0.1. Call `step()` after each epoch.
 * @example const sched = optim.StepLR(opt, { stepSize: 30, gamma: 0.5 }); // … opt.step(); sched.step();
 */
export const StepLR = callable(sched.StepLR);
export type StepLR = sched.StepLR;

/**
 * Cosine annealing (torch.optim.lr_scheduler.CosineAnnealingLR):
 * lr = etaMin + (baseLr − etaMin)·(1 + cos(π·epoch/tMax))/2, from baseLr down to etaMin (default 0) at tMax.
 * @example const sched = optim.CosineAnnealingLR(opt, { tMax: 100 });
 */
export const CosineAnnealingLR = callable(sched.CosineAnnealingLR);
export type CosineAnnealingLR = sched.CosineAnnealingLR;

/**
 * Linear warm-up: lr = baseLr·min(epoch + 1, steps)/steps, so the first step uses baseLr/steps
 * and the full rate is reached after steps − 1 calls to `step()`
 * (torch's LinearLR with start_factor = 1/steps, total_iters = steps − 1).
 * @example const warm = optim.LinearWarmup(opt, { steps: 10 });
 */
export const LinearWarmup = callable(sched.LinearWarmup);
export type LinearWarmup = sched.LinearWarmup;
