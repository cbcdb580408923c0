import type { History, ProgressState } from "../engine";
import { display } from "./displaySink";
import { lossItems } from "./lossView";

/** At most this many updates of a live chart per second: more costs more than it shows. */
const UPDATES_PER_SECOND = 8;

let runs = 0;

/**
 * The training hook that draws a run's loss curve while it trains: one output per `train` call,
 * replaced in place (never appended), throttled, and always drawn once more when training ends.
 */
export function liveTraining(): (history: History, state: ProgressState) => void {
  let current: { history: History; id: string; last: number } | undefined;
  return (history, state) => {
    if (current?.history !== history) current = { history, id: `train-${++runs}`, last: 0 };
    const now = Date.now();
    const first = current.last === 0;
    if (!state.done && !first && now - current.last < 1000 / UPDATES_PER_SECOND) return;
    current.last = now;
    const progress = state.done ? undefined : { done: state.epoch, total: state.epochs };
    const items = lossItems(history, { title: "Training loss", xLabel: "epoch", progress });
    display(items, { id: current.id, update: !first });
  };
}
