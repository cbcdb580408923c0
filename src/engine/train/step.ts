// Pieces of one training step and one evaluation, kept apart from the loop in train.ts.
import { Tensor } from "../tensor";
import { Module } from "../nn/module";
import { noGrad } from "../autograd";
import type { Dataset } from "../data/dataset";
import type { LossFunction } from "./options";
import { MetricTotal, type MetricName } from "./metrics";

export function computeLoss(loss: LossFunction, pred: Tensor, target: Tensor): Tensor {
  // The class itself (nn.MSELoss without the parentheses) would be called as its constructor.
  const isClass = typeof loss === "function" && (loss as { prototype?: unknown }).prototype instanceof Module;
  if (typeof loss !== "function" || isClass) {
    throw new TypeError("train: the loss must return a tensor; pass a loss module such as nn.MSELoss() (with the parentheses) or a function (pred, target) => tensor");
  }
  const out: unknown = loss(pred, target);
  if (!(out instanceof Tensor)) {
    throw new TypeError("train: the loss must return a tensor; pass a loss module such as nn.MSELoss() (with the parentheses) or a function (pred, target) => tensor");
  }
  return out;
}

/** The first value of `t` that is NaN or ±Infinity, or null when all are finite. */
export function firstNonFinite(t: Tensor): number | null {
  for (const v of t.data) if (!Number.isFinite(v)) return v;
  return null;
}

/** λ·Σw² over the weight matrices (parameters with 2 or more dims), as part of the graph. */
export function l2Penalty(weights: Tensor[], lambda: number): Tensor | null {
  let total: Tensor | null = null;
  for (const w of weights) {
    const sq = w.pow(2).sum();
    total = total ? total.add(sq) : sq;
  }
  return total ? total.mul(lambda) : null;
}

/** Loss and metrics on a whole set, in eval mode and without a graph; training flags are restored. */
export function evaluate(model: Module, set: Dataset, loss: LossFunction, metrics: MetricName[], threshold: number): { loss: number; metrics: number[] } {
  const modes = model.namedModules().map(([, m]) => m.training);
  model.eval();
  try {
    return noGrad(() => {
      const pred = model.forward(set.x) as Tensor;
      const totals = metrics.map((m) => new MetricTotal(m, threshold));
      totals.forEach((t) => t.add(pred, set.y));
      return { loss: computeLoss(loss, pred, set.y).item(), metrics: totals.map((t) => t.value()) };
    });
  } finally {
    model.namedModules().forEach(([, m], i) => (m.training = modes[i]));
  }
}

const host = globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown };

/** Let the host's event loop run (messages, the stop button) before going on. */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => host.setTimeout(resolve, 0));
}
