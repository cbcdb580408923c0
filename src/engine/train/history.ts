import type { Snapshot } from "./record";
import { snapshotToJSON, type SnapshotJSON } from "./record";

/**
 * What `train` returns (Keras's `History`): the mean training loss of every epoch, the
 * validation loss, the metrics, how training ended, and the snapshots recorded for the
 * inspection views (`show.loss`, `show.weights`, `show.gradients`). Arrays have one entry
 * per epoch run: `loss[0]` is epoch 1.
 * @example const run = await train(net, xor, { loss: nn.BCELoss(), optimizer, epochs: 500 }); run.loss.at(-1)
 */
export class History {
  /** Epochs run (an interrupted last epoch counts, with the steps it ran). */
  epochs = 0;
  /** Mean training loss of each epoch, over its batches (the loss function alone: the `l2` penalty is not included). */
  loss: number[] = [];
  /** Loss on the validation set after each epoch; empty without `validation`. */
  valLoss: number[] = [];
  /** Each metric per epoch, e.g. `{ accuracy: [...], valAccuracy: [...] }` (fractions 0–1). */
  metrics: Record<string, number[]> = {};
  /** The learning rate used in each epoch (schedulers change it). */
  lr: number[] = [];
  /** Optimizer steps (batches) per epoch. */
  stepsPerEpoch = 0;
  /** True when early stopping ended training. */
  stoppedEarly = false;
  /** True when training was stopped from outside (the stop button); the model is kept as it stood. */
  interrupted = false;
  /** The epoch (1-based) with the best monitored loss: validation loss when there is validation, else training loss. */
  bestEpoch = 0;
  /** Recorded states for the inspection views; see `Snapshot`. */
  snapshots: Snapshot[] = [];

  /** `History(200 epochs, loss 0.693 → 0.012, accuracy 100%)`. */
  toString(): string {
    const parts = [`${this.epochs} ${this.epochs === 1 ? "epoch" : "epochs"}`];
    if (this.loss.length > 0) parts.push(`loss ${num(this.loss[0])} → ${num(this.loss[this.loss.length - 1])}`);
    if (this.valLoss.length > 0) parts.push(`val loss ${num(this.valLoss[this.valLoss.length - 1])}`);
    for (const [name, values] of Object.entries(this.metrics)) {
      if (values.length === 0) continue;
      const v = values[values.length - 1], label = name.replace(/^val([A-Z])/, (_, c: string) => `val ${c.toLowerCase()}`);
      parts.push(`${label} ${/accuracy/i.test(name) ? percent(v) : num(v)}`);
    }
    if (this.stoppedEarly) parts.push(`stopped early, best epoch ${this.bestEpoch}`);
    if (this.interrupted) parts.push("interrupted");
    return `History(${parts.join(", ")})`;
  }

  /** Node's console.log shows the one-line summary too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** Plain JSON (typed arrays in snapshots become number arrays), so `JSON.stringify(history)` is readable. */
  toJSON(): HistoryJSON {
    const { epochs, loss, valLoss, metrics, lr, stepsPerEpoch, stoppedEarly, interrupted, bestEpoch } = this;
    return { epochs, loss, valLoss, metrics, lr, stepsPerEpoch, stoppedEarly, interrupted, bestEpoch, snapshots: this.snapshots.map(snapshotToJSON) };
  }
}

/** The JSON form of a History. */
export interface HistoryJSON {
  epochs: number;
  loss: number[];
  valLoss: number[];
  metrics: Record<string, number[]>;
  lr: number[];
  stepsPerEpoch: number;
  stoppedEarly: boolean;
  interrupted: boolean;
  bestEpoch: number;
  snapshots: SnapshotJSON[];
}

/** Three significant digits, scientific below 0.001. */
function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2);
  if (Math.abs(v) >= 1000) return String(Math.round(v));
  return String(Number(v.toPrecision(3)));
}

function percent(v: number): string {
  return `${Number((v * 100).toFixed(1))}%`;
}
