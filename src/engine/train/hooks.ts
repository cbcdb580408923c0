// How the host (the notebook kernel) watches and stops a running `train`.
import type { History } from "./history";
import type { Module } from "../nn/module";
import type { Dataset } from "../data/dataset";
import type { LiveViews } from "./live";

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

/** What the live views draw from: the model being trained, its training set, and the views asked for. */
export interface LiveRun {
  model: Module;
  /** The rows trained on (without a validation split). */
  dataset: Dataset;
  /** The view names of the `live` option, checked against `liveViews`: `["loss"]` for `live: true`. */
  views: readonly string[];
}

/** Callbacks the host installs with `setTrainingHooks`. */
export interface TrainingHooks {
  /** Checked after every step; returning true ends training after that step (`history.interrupted`). */
  shouldStop?(): boolean;
  /** Called after each epoch and once more at the end with `done: true`; only when `live` names a view. */
  progress?(history: History, state: ProgressState, run: LiveRun): void;
  /** Called once when the stop button ended training (`history.interrupted`), before `train` returns. */
  stopped?(history: History, state: ProgressState): void;
  /** The views `progress` can draw: `train` checks the `live` option against them before it starts. */
  liveViews?: LiveViews;
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
