import type { LossPayload, LossRun, LossSeries } from "../lossPayload";
import { array, at, boolean, count, finite, jsonNumber, object, oneOf, PayloadError, string, version, type Fields } from "./check";

/**
 * A loss chart. Version 1 (saved before runs, parts and metrics) is still drawn: its series become one run's,
 * a "validation" label dashed, with no sentences or marks.
 */
export function readLoss(value: unknown): LossPayload {
  const p = object(value, "");
  if (p.version === 1) return upgrade(p);
  version(p, "loss chart", 2);
  const series = array(p.series, "series", (item, path) => {
    const s = object(item, path);
    const read: LossSeries = {
      label: string(s.label, at(path, "label")),
      run: count(s.run, at(path, "run")),
      part: oneOf(s.part, at(path, "part"), ["train", "validation"] as const),
      y: array(s.y, at(path, "y"), jsonNumber),
    };
    if (s.x !== undefined) read.x = xs(s.x, read.y.length, path);
    if (s.metric !== undefined) read.metric = string(s.metric, at(path, "metric"));
    return read;
  });
  const runs = array(p.runs, "runs", (item, path) => {
    const r = object(item, path);
    const run: LossRun = { label: string(r.label, at(path, "label")), lines: array(r.lines, at(path, "lines"), string) };
    if (r.best !== undefined) {
      const best = object(r.best, at(path, "best"));
      run.best = { x: finite(best.x, at(path, "best.x")), y: finite(best.y, at(path, "best.y")) };
    }
    if (r.stoppedEarlyAt !== undefined) run.stoppedEarlyAt = finite(r.stoppedEarlyAt, at(path, "stoppedEarlyAt"));
    return run;
  });
  return withProgress(p, { version: 2, ...axes(p), series, runs });
}

function upgrade(p: Fields): LossPayload {
  const series = array(p.series, "series", (item, path): LossSeries => {
    const s = object(item, path);
    const label = string(s.label, at(path, "label"));
    const y = array(s.y, at(path, "y"), jsonNumber);
    return { label, run: 0, part: /validation/.test(label) ? "validation" : "train", x: xs(s.x, y.length, path), y };
  });
  return withProgress(p, { version: 2, ...axes(p), series, runs: [] });
}

/** A curve's x: one finite number per y value. */
function xs(value: unknown, length: number, path: string): number[] {
  const x = array(value, at(path, "x"), finite);
  if (x.length !== length) throw new PayloadError(`${at(path, "x")}: ${x.length} values for ${length} in y; give one per y value, or leave x out for 1, 2, …`);
  return x;
}

function axes(p: Fields) {
  return { title: string(p.title, "title"), xLabel: string(p.xLabel, "xLabel"), yLabel: string(p.yLabel, "yLabel"), log: boolean(p.log, "log") };
}

function withProgress(p: Fields, payload: LossPayload): LossPayload {
  if (p.progress !== undefined) {
    const progress = object(p.progress, "progress");
    payload.progress = { done: count(progress.done, "progress.done"), total: count(progress.total, "progress.total") };
  }
  return payload;
}
