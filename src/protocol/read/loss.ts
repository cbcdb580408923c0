import type { LossPayload } from "../payloads";
import { array, at, boolean, count, finite, jsonNumber, object, string, version } from "./check";

export function readLoss(value: unknown): LossPayload {
  const p = object(value, "");
  version(p, "loss chart", 1);
  const series = array(p.series, "series", (item, path) => {
    const s = object(item, path);
    return { label: string(s.label, at(path, "label")), x: array(s.x, at(path, "x"), finite), y: array(s.y, at(path, "y"), jsonNumber) };
  });
  const payload: LossPayload = {
    version: 1,
    title: string(p.title, "title"),
    xLabel: string(p.xLabel, "xLabel"),
    yLabel: string(p.yLabel, "yLabel"),
    log: boolean(p.log, "log"),
    series,
  };
  if (p.progress !== undefined) {
    const progress = object(p.progress, "progress");
    payload.progress = { done: count(progress.done, "progress.done"), total: count(progress.total, "progress.total") };
  }
  return payload;
}
