/** One curve of a loss view: a run's training or validation loss, or one of its metrics. */
export interface LossSeries {
  label: string;
  /** Which run (from 0): each run has its own colour. */
  run: number;
  /** Training curves are drawn solid, validation ones dashed. */
  part: "train" | "validation";
  /** Absent for the loss; a metric's name ("accuracy") puts the curve on the metric axis. */
  metric?: string;
  /**
   * x positions (step or epoch numbers), same length as `y`; absent when they are 1, 2, … `y.length`. A long
   * run's curve arrives thinned, each stretch's lowest and highest kept, and then has its x.
   */
  x?: number[];
  y: (number | string)[];
}

/** What a run's curves say, in words, and where its marks go. */
export interface LossRun {
  label: string;
  /** The epoch with the best monitored loss (validation when there is one), marked on that curve. */
  best?: { x: number; y: number };
  /** The epoch at which early stopping ended the run. */
  stoppedEarlyAt?: number;
  /** Sentences such as "validation 0.726 → 0.234, best 0.0893 at epoch 484"; the text fallback has them too. */
  lines: string[];
}

/**
 * `application/vnd.nnbook.loss+json`: loss curves, possibly still growing during training. Version 2 adds
 * runs, parts, metrics and marks; a version-1 payload (series with a label, x and y only) is read as one run.
 */
export interface LossPayload {
  version: 2;
  title: string;
  xLabel: string;
  yLabel: string;
  log: boolean;
  series: LossSeries[];
  runs: LossRun[];
  /** Present while training is running. */
  progress?: { done: number; total: number };
}

/** A curve's x positions: its own, or 1, 2, … when they are left implicit. */
export function lossX(s: LossSeries): number[] {
  return s.x ?? Array.from(s.y, (_, i) => i + 1);
}
