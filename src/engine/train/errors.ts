import type { History } from "./history";
import { BCELoss } from "../nn/loss";

/**
 * Training could not go on: the loss (or the network's output) became NaN or Infinity.
 * The message says where and why it usually happens; `history` holds the epochs run before.
 */
export class TrainingError extends Error {
  override name = "TrainingError";

  constructor(message: string, readonly history: History, readonly epoch: number, readonly step: number) {
    super(message);
  }
}

/** The message for a loss or output that is not a finite number, with the likely causes. */
export function nonFiniteMessage(what: "loss" | "output", value: number, epoch: number, step: number, steps: number, lr: number, loss: unknown, clipNorm: number | undefined): string {
  const where = `epoch ${epoch}, step ${step} of ${steps}`;
  const head = what === "loss" ? `the loss became ${value} at ${where}` : `the network's output became ${value} at ${where}, so the loss cannot be computed`;
  const causes = [`the learning rate (${lr}) is too high: the weights jumped too far and blew up — lower it, e.g. to ${Number((lr / 10).toPrecision(2))}`];
  if (loss instanceof BCELoss) causes.push("log of 0: BCELoss got a probability of exactly 0 or 1 — drop the final nn.Sigmoid() and use nn.BCEWithLogitsLoss()");
  else causes.push("log of 0 or a division by 0 in your own loss — use nn.BCEWithLogitsLoss() / nn.CrossEntropyLoss(), which are computed stably");
  if (clipNorm === undefined) causes.push("exploding gradients — pass clipNorm: 1 to train() to cap the gradient norm");
  return `train: ${head}. Training stopped. Likely causes: ${causes.map((c, i) => `(${i + 1}) ${c}`).join("; ")}. The history so far is in error.history.`;
}
