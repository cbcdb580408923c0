import type { Tensor } from "../engine";
import { display } from "./displaySink";
import { lossItems, type LossOptions, type LossSource } from "./lossView";
import { tensorItems } from "./tensorView";
import { summaryItems } from "./summaryView";
import { activationItems } from "./activationView";
import { mathItems } from "./mathView";
import { tableItems } from "./tableView";
import type { nn } from "../engine";

/** The inspection views: each puts one rich output into the running cell. */
export const show = {
  /**
   * Loss curves: "is it learning?". Takes the losses of a loop, a training history, or several of
   * them to compare.
   * @example show.loss(losses, { log: true })
   */
  loss(sources: LossSource | LossSource[], options?: LossOptions): void {
    display(lossItems(sources, options));
  },

  /**
   * What a model is: its layers, output shapes, parameter counts (the total matches PyTorch's) and
   * each layer's equation.
   * @example show.summary(net)
   */
  summary(model: nn.Module): void {
    display(summaryItems(model));
  },

  /**
   * A tensor as a matrix, values tinted on one diverging scale centred on 0.
   * @example show.tensor(net[0].weight)
   */
  tensor(t: Tensor): void {
    display(tensorItems(t));
  },
  /**
   * One activation function and its derivative on one chart, as the engine computes them (the derivative
   * by autograd), with both formulas beside it. One of "relu", "leakyRelu", "sigmoid", "tanh", "gelu",
   * "silu", "step".
   * @example show.activation("sigmoid") // the derivative peaks at 0.25, at z = 0
   */
  activation(name: "relu" | "leakyRelu" | "sigmoid" | "tanh" | "gelu" | "silu" | "step"): void {
    display(activationItems(name));
  },

  /**
   * TeX typeset as display math (KaTeX). In a string literal a backslash is written twice.
   * @example show.math("\\sigma(z) = \\frac{1}{1 + e^{-z}}")
   */
  math(tex: string): void {
    display(mathItems(tex));
  },

  /**
   * Rows as a table: objects (a column per key, in the order keys first appear) or arrays (a column per
   * position). Numbers are shown to 3 significant digits; the first 1,000 rows are shown.
   * @example show.table([{ epoch: 1, loss: 0.52 }, { epoch: 2, loss: 0.31 }])
   */
  table(rows: readonly Record<string, unknown>[] | readonly (readonly unknown[])[]): void {
    display(tableItems(rows));
  },
};
