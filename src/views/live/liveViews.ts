// The views `train(…, { live: [...] })` can draw while it runs, by name. A view is one line here: how it
// draws from the run so far, and (when it cannot draw every model) why it cannot draw this one, which
// `train` asks before its first step.
import type { Dataset, History, LiveRecording, LiveViews, nn } from "../../engine";
import type { OutputItem } from "../../protocol/outputs";
import { lossItems } from "../lossView";
import { boundaryItems, boundaryProblem } from "../model/boundary";
import { fitItems, fitProblem } from "../model/fit";
import { gradientsItems } from "../gradientsView";
import { weightsItems } from "../weightsView";

/** Where training is: what a live view draws from. `progress` is absent on the last drawing. */
export interface LiveState {
  model: nn.Module;
  dataset: Dataset;
  history: History;
  progress?: { done: number; total: number };
  /** The stop button ended training: at which epoch of how many. */
  stopped?: { epoch: number; epochs: number };
}

export interface LiveView {
  /** The view's items, or undefined while there is nothing to draw yet (no gradients recorded so far). */
  draw(state: LiveState): OutputItem[] | undefined;
  /** Why this view cannot draw `model` trained on `dataset`, recording `recording`; undefined when it can. */
  problem?(model: nn.Module, dataset: Dataset, recording: LiveRecording): string | undefined;
}

/** Grid of a live boundary: coarse enough to cost little next to training, fine enough to see the shape. The last drawing has show.boundary's. */
const LIVE_GRID = 40;

export const LIVE_VIEWS: Record<string, LiveView> = {
  loss: {
    draw: ({ history, progress, stopped }) =>
      lossItems(history, { title: stopped ? `Training loss, stopped at epoch ${stopped.epoch.toLocaleString("en-US")} of ${stopped.epochs.toLocaleString("en-US")}` : "Training loss", xLabel: "epoch", progress }),
  },
  boundary: { draw: ({ model, dataset, progress }) => boundaryItems(model, dataset, progress ? { grid: LIVE_GRID } : {}, progress), problem: boundaryProblem },
  fit: { draw: ({ model, dataset, progress }) => fitItems(model, dataset, progress), problem: fitProblem },
  // From the snapshots recorded so far: during training a slider through the epochs so far, at the end all of them.
  weights: {
    draw: ({ history }) => weightsItems(history),
    problem: (_model, _dataset, recording) => (recording.weights ? undefined : "it is drawn from the weights training records, and record.weights is off"),
  },
  gradients: {
    draw: ({ model, history }) => (history.snapshots.some((s) => s.gradients) ? gradientsItems(history, { model }) : undefined),
    problem: (_model, _dataset, recording) => (recording.gradients ? undefined : "it is drawn from the gradients training records, and record.gradients is off"),
  },
};

/** The registry as `train` checks its `live` option against it. */
export const liveViews: LiveViews = {
  names: Object.keys(LIVE_VIEWS),
  problem: (name, model, dataset, recording) => LIVE_VIEWS[name]?.problem?.(model, dataset, recording),
};
