import type { TensorPayload } from "../payloads";
import { PayloadError, array, at, boolean, count, jsonNumber, object, version, type Fields } from "./check";
import { readChart } from "./chart";

export function readTensor(value: unknown): TensorPayload {
  const p = object(value, "");
  version(p, "tensor", 1);
  const payload: TensorPayload = {
    version: 1,
    shape: array(p.shape, "shape", count),
    data: array(p.data, "data", jsonNumber),
    requiresGrad: boolean(p.requiresGrad, "requiresGrad"),
  };
  if (p.summary !== undefined) {
    const s = object(p.summary, "summary");
    payload.summary = { min: stat(s, "min"), mean: stat(s, "mean"), max: stat(s, "max") };
  }
  if (p.heatmap !== undefined) {
    let heatmap;
    try {
      heatmap = readChart(p.heatmap);
    } catch (error) {
      throw error instanceof PayloadError ? new PayloadError(`heatmap: ${error.message}`) : error;
    }
    if (heatmap.kind !== "heatmap") throw new PayloadError(`heatmap.kind must be "heatmap", not "${heatmap.kind}"`);
    payload.heatmap = heatmap;
  }
  if (p.nonFinite !== undefined) {
    const n = object(p.nonFinite, "nonFinite");
    payload.nonFinite = { count: count(n.count, "nonFinite.count"), first: array(n.first, "nonFinite.first", count) };
  }
  return payload;
}

/** A summary statistic; JSON turned a NaN or infinite one into null. */
function stat(summary: Fields, key: string): number {
  const v = summary[key];
  return v === null ? NaN : Number(jsonNumber(v, at("summary", key)));
}
