import type { Tensor } from "../../engine";
import { jsonNumber } from "../../protocol/payloads";
import { GRAPH_HEAD_VALUES, type ValueSummary } from "../../protocol/graphPayload";

/** A tensor's first few values and its range, whatever its size. */
export function valueSummary(t: Tensor): ValueSummary {
  const d = t.data;
  let min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  // NaN compares false both ways: a tensor holding one has a NaN mean, and its range says so too.
  const nan = Number.isNaN(sum);
  return {
    count: d.length,
    head: Array.from(d.subarray(0, GRAPH_HEAD_VALUES), jsonNumber),
    min: jsonNumber(nan ? NaN : d.length ? min : NaN),
    max: jsonNumber(nan ? NaN : d.length ? max : NaN),
    mean: jsonNumber(d.length ? sum / d.length : NaN),
  };
}
