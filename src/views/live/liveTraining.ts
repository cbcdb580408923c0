import type { History, LiveRun, ProgressState, TrainingHooks } from "../../engine";
import { display } from "../displaySink";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { LIVE_VIEWS, liveViews, type LiveState } from "./liveViews";

/** At most this many updates of the live views per second: more costs more than it shows. */
const UPDATES_PER_SECOND = 8;
/**
 * Drawing may take at most this share of the time training runs: after a drawing that took d ms, the next
 * waits at least d / share. A slow view (a boundary on a big model) is drawn less often, never slows
 * training by more than this.
 */
const DRAWING_SHARE = 0.04;

let runs = 0;
/** Histories whose loss curve was drawn live, with the run (cell) that drew it. */
const drawnLive = new WeakMap<History, number>();

/**
 * The training hooks that draw the views of `live` while a run trains: one output per view per `train`
 * call, replaced in place (never appended), throttled, and always drawn once more when training ends.
 * `owner` says which cell is running, so a History is known to be drawn already in that cell.
 */
export function liveTraining(owner: () => number = () => 0): Pick<TrainingHooks, "progress" | "liveViews"> & { stopped: (history: History, state: ProgressState) => string } {
  let current: { history: History; id: string; next: number; drawn: Set<string> } | undefined;
  const progress = (history: History, state: ProgressState, run: LiveRun): void => {
    if (current?.history !== history) current = { history, id: `train-${++runs}`, next: 0, drawn: new Set() };
    const start = Date.now();
    if (!state.done && start < current.next) return;
    const progress = state.done ? undefined : { done: state.epoch, total: state.epochs };
    const stopped = state.done && history.interrupted ? { epoch: state.epoch, epochs: state.epochs } : undefined;
    for (const name of run.views) {
      const items = drawn(name, { model: run.model, dataset: run.dataset, history, progress, stopped });
      if (!items) continue;
      display(items, { id: `${current.id}-${name}`, update: current.drawn.has(name) });
      current.drawn.add(name);
    }
    if (run.views.includes("loss")) drawnLive.set(history, owner());
    const took = Date.now() - start;
    current.next = Date.now() + Math.max(1000 / UPDATES_PER_SECOND, took / DRAWING_SHARE);
  };
  return { progress, liveViews, stopped: stoppedText };
}

/** What a cell whose training the stop button ended says: where it stopped, and what the model is now. */
export function stoppedText(history: History, state: ProgressState): string {
  const within = state.step < state.stepsPerEpoch ? `, after step ${state.step} of ${state.stepsPerEpoch} of that epoch` : "";
  return `Training stopped at epoch ${state.epoch.toLocaleString("en-US")} of ${state.epochs.toLocaleString("en-US")}${within}: the model keeps the weights it had then (loss ${history.loss.at(-1)?.toPrecision(4) ?? "not measured"}).`;
}

/**
 * The view's items; a view that cannot draw the model as it stands (outputs blown up to NaN) says why in
 * its place, and training goes on (or ends with its own error).
 */
function drawn(name: string, state: LiveState): OutputItem[] | undefined {
  try {
    return LIVE_VIEWS[name].draw(state);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ mime: Mime.text, data: `live ${name} view: cannot draw the model as it stands at ${state.progress ? `epoch ${state.progress.done}` : "the end"}: ${message}` }];
  }
}

/** Whether `value` is a History whose loss curve was drawn live in run `runId`. */
export function drawnLiveIn(value: unknown, runId: number): boolean {
  return typeof value === "object" && value !== null && drawnLive.get(value as History) === runId;
}
