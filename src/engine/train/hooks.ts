// How the host (the notebook kernel) watches and stops a running `train`.
import type { History } from "./history";

/** Where training stands when `progress` is called. */
export interface ProgressState {
  /** Epochs completed so far (1-based: 1 after the first epoch). */
  epoch: number;
  /** Epochs asked for. */
  epochs: number;
  /** Steps (batches) done in the current epoch. */
  step: number;
  /** Steps (batches) per epoch. */
  stepsPerEpoch: number;
  /** True on the last call, once training has ended (normally, early, interrupted or by an error). */
  done: boolean;
}

/** Callbacks the host installs with `setTrainingHooks`. */
export interface TrainingHooks {
  /** Checked after every step; returning true ends training after that step (`history.interrupted`). */
  shouldStop?(): boolean;
  /** Called after each epoch and once more at the end with `done: true`; only when the `live` option is not false. */
  progress?(history: History, state: ProgressState): void;
}

let hooks: TrainingHooks | undefined;

/** Install (or remove, with undefined) the hooks every `train` call uses. Called by the host, not by cells. */
export function setTrainingHooks(next: TrainingHooks | undefined): void {
  hooks = next;
}

/** The hooks installed now, if any. */
export function trainingHooks(): TrainingHooks | undefined {
  return hooks;
}
