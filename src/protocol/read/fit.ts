import type { FitPayload } from "../fitPayload";
import { array, count, finite, object, PayloadError, string, version } from "./check";
import { progress } from "./progress";

export function readFit(value: unknown): FitPayload {
  const p = object(value, "");
  version(p, "regression fit", 1);
  const payload: FitPayload = {
    version: 1,
    title: string(p.title, "title"),
    xLabel: string(p.xLabel, "xLabel"),
    yLabel: string(p.yLabel, "yLabel"),
    points: pairs(p.points, "points"),
    curve: pairs(p.curve, "curve"),
    rows: count(p.rows, "rows"),
    mse: finite(p.mse, "mse"),
  };
  if (payload.mse < 0) throw new PayloadError(`mse must be 0 or more, not ${payload.mse}`);
  if (payload.points.x.length > payload.rows) throw new PayloadError(`points must be at most the ${payload.rows} rows, not ${payload.points.x.length}`);
  if (p.progress !== undefined) payload.progress = progress(p.progress);
  return payload;
}

function pairs(value: unknown, path: string): { x: number[]; y: number[] } {
  const s = object(value, path);
  const out = { x: array(s.x, `${path}.x`, finite), y: array(s.y, `${path}.y`, finite) };
  if (out.y.length !== out.x.length) throw new PayloadError(`${path}.y must have one value per ${path}.x (${out.x.length}), not ${out.y.length}`);
  return out;
}
