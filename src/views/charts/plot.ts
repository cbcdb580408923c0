import { viewItem } from "../../protocol/payloadMap";
import { Tensor } from "../../engine";
import type { PlotPayload } from "../../protocol/chartPayloads";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { formatNumber } from "../format";
import { drawnNumbers } from "../../protocol/numbers";
import { decimate } from "./decimate";
import { checkOptions } from "./options";
import { numbers, sameLength, tooMany, type Values } from "./values";

/** What `show.plot` draws against x: one series, several, or several by name. */
export type PlotSeries = Values | Values[] | Record<string, Values>;

export interface PlotOptions {
  /** A name per series, for the legend. */
  labels?: string[];
  xLabel?: string;
  yLabel?: string;
  title?: string;
  /** Log-scale y axis, for values that span decades. */
  log?: boolean;
}

/** More lines than this make a legend no one can read. */
export const MAX_SERIES = 20;
const FN = "show.plot";

export function plotItems(x: Values, ys: PlotSeries, options?: PlotOptions): OutputItem[] {
  const payload = plotPayload(x, ys, options);
  return [
    viewItem(Mime.chart, payload),
    { mime: Mime.text, data: plotText(payload) },
  ];
}

export function plotPayload(x: Values, ys: PlotSeries, options?: PlotOptions): PlotPayload {
  const o = checkOptions(FN, options, { labels: "strings", xLabel: "string", yLabel: "string", title: "string", log: "boolean" });
  const xs = numbers(FN, "x", x);
  const named = seriesOf(ys);
  if (named.length > MAX_SERIES) throw tooMany(FN, "series", named.length, MAX_SERIES, "plot a few of them, or pass the transpose");
  if (o.labels && named.some((s) => s.named)) throw new TypeError(`${FN}: ys already names its series; drop labels`);
  if (o.labels && o.labels.length !== named.length) {
    throw new RangeError(`${FN}: labels has ${o.labels.length} names for ${named.length} series; give one name per series`);
  }
  const series = named.map((s, i) => {
    const y = numbers(FN, s.name, s.values);
    sameLength(FN, s.name, y.length, "x", xs.length);
    if (o.log) {
      const bad = y.findIndex((v) => v <= 0);
      if (bad >= 0) throw new RangeError(`${FN}: ${s.name}[${bad}] is ${y[bad]}, which a log axis cannot show; use log: false, or plot only positive values`);
    }
    const label = o.labels?.[i] ?? (s.named ? s.name : named.length > 1 ? `series ${i + 1}` : (o.yLabel ?? "y"));
    const kept = decimate(xs, y);
    return { label, x: drawnNumbers(kept.x), y: drawnNumbers(kept.y) };
  });
  return { version: 1, kind: "plot", title: o.title ?? "", xLabel: o.xLabel ?? "x", yLabel: o.yLabel ?? "y", log: o.log ?? false, series, points: xs.length };
}

interface Named {
  /** The series' name in ys, for messages (and the legend when `named`). */
  name: string;
  values: unknown;
  named: boolean;
}

function seriesOf(ys: PlotSeries): Named[] {
  // A 2-D tensor is one series per column, as in matplotlib: rows run along x.
  if (ys instanceof Tensor && ys.ndim === 2) {
    const [rows, cols] = ys.shape;
    return Array.from({ length: cols }, (_, c) => ({
      name: `ys[:, ${c}]`,
      values: Array.from({ length: rows }, (_, r) => ys.data[r * cols + c]),
      named: false,
    }));
  }
  if (ys instanceof Tensor || (Array.isArray(ys) && ys.every((v) => typeof v === "number"))) return [{ name: "ys", values: ys, named: false }];
  if (Array.isArray(ys)) return ys.map((values, i) => ({ name: `ys[${i}]`, values, named: false }));
  if (typeof ys === "object" && ys !== null) return Object.entries(ys).map(([name, values]) => ({ name, values, named: true }));
  throw new TypeError(`${FN}: ys must be a tensor, a list of them, or { name: values }, not ${ys === null ? "null" : typeof ys}`);
}

/** The text fallback: per series its range and its first and last values. */
export function plotText(payload: PlotPayload): string {
  const lines = payload.series.map((s) => {
    if (s.y.length === 0) return `${s.label}: no values`;
    let [min, max] = [Infinity, -Infinity];
    for (const v of s.y) [min, max] = [Math.min(min, v), Math.max(max, v)];
    const f = formatNumber;
    return `${s.label}: ${f(s.y[0])} → ${f(s.y[s.y.length - 1])} over ${payload.xLabel} ${f(s.x[0])} to ${f(s.x[s.x.length - 1])} (min ${f(min)}, max ${f(max)})`;
  });
  return `${payload.title || "Plot"}: ${payload.points.toLocaleString("en-US")} points\n${lines.join("\n")}`;
}
