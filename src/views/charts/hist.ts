import { viewItem } from "../../protocol/payloadMap";
import type { HistPayload } from "../../protocol/chartPayloads";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { drawnNumbers } from "../../protocol/numbers";
import { formatNumber } from "../format";
import { checkOptions } from "./options";
import { numbers, tooMany, type Values } from "./values";

export interface HistOptions {
  /** Number of equal-width bins; default from the number of values (Sturges' rule). */
  bins?: number;
  xLabel?: string;
  title?: string;
}

export const MAX_BINS = 1_000;
const FN = "show.hist";

export function histItems(values: Values, options?: HistOptions): OutputItem[] {
  const payload = histPayload(values, options);
  return [
    viewItem(Mime.chart, payload),
    { mime: Mime.text, data: histText(payload) },
  ];
}

/** The values binned here, in the kernel: what crosses to the renderer is one count per bin. */
export function histPayload(values: Values, options?: HistOptions): HistPayload {
  const o = checkOptions(FN, options, { bins: "count", xLabel: "string", title: "string" });
  const v = numbers(FN, "values", values);
  if (v.length === 0) throw new RangeError(`${FN}: values is empty; there is nothing to count`);
  const bins = o.bins ?? Math.min(50, Math.ceil(Math.log2(v.length)) + 1);
  if (bins > MAX_BINS) throw tooMany(FN, "bins", bins, MAX_BINS, "ask for fewer");
  let [min, max] = [Infinity, -Infinity];
  for (const a of v) [min, max] = [Math.min(min, a), Math.max(max, a)];
  // All values equal: one unit-wide range around them, so the bins have a width.
  if (min === max) [min, max] = [min - 0.5, max + 0.5];
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  const counts = new Array<number>(bins).fill(0);
  // The last bin includes its right edge, as numpy's and matplotlib's do.
  for (const a of v) counts[Math.min(bins - 1, Math.floor((a - min) / width))]++;
  return { version: 1, kind: "hist", title: o.title ?? "", xLabel: o.xLabel ?? "value", yLabel: "count", edges: drawnNumbers(edges), counts };
}

/** The text fallback: a bar of `#` per bin, long enough to see the shape in a terminal. */
export function histText(payload: HistPayload): string {
  const total = payload.counts.reduce((a, b) => a + b, 0);
  const most = Math.max(...payload.counts);
  const edge = payload.edges.map(formatNumber);
  const width = Math.max(...edge.map((e) => e.length));
  const lines = payload.counts.map((c, i) => {
    // At least one mark for a bin that is not empty, so a few outliers still show.
    const bar = "#".repeat(c > 0 ? Math.max(1, Math.round((c / most) * 30)) : 0);
    return `[${edge[i].padStart(width)}, ${edge[i + 1].padStart(width)}${i === payload.counts.length - 1 ? "]" : ")"} ${bar} ${c.toLocaleString("en-US")}`;
  });
  return `${payload.title || `Histogram of ${payload.xLabel}`}: ${total.toLocaleString("en-US")} values in ${payload.counts.length} bins\n${lines.join("\n")}`;
}
