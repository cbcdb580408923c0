import { viewItem } from "../../protocol/payloadMap";
import { Tensor } from "../../engine";
import type { HeatmapPayload } from "../../protocol/chartPayloads";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { drawnNumbers, SHOWN_DIGITS } from "../../protocol/numbers";
import { formatNumber } from "../format";
import { checkOptions } from "./options";
import { finiteAll, tooMany } from "./values";

export interface HeatmapOptions {
  xLabel?: string;
  yLabel?: string;
  title?: string;
}

/** Cells a heatmap sends at most: about 300 × 300, more than a cell's width in pixels. */
export const MAX_HEATMAP_CELLS = 90_000;
const FN = "show.heatmap";

export function heatmapItems(t: Tensor | readonly (readonly number[])[], options?: HeatmapOptions): OutputItem[] {
  const payload = heatmapPayload(t, options);
  return [
    viewItem(Mime.chart, payload),
    { mime: Mime.text, data: heatmapText(payload, matrix(t).z) },
  ];
}

export function heatmapPayload(t: Tensor | readonly (readonly number[])[], options?: HeatmapOptions): HeatmapPayload {
  const o = checkOptions(FN, options, { xLabel: "string", yLabel: "string", title: "string" });
  const { rows, cols, z } = matrix(t);
  finiteAll(FN, "t", z);
  return {
    version: 1,
    kind: "heatmap",
    title: o.title ?? "",
    xLabel: o.xLabel ?? "column",
    yLabel: o.yLabel ?? "row",
    rows,
    cols,
    // The 3 digits its colours and hover show.
    z: drawnNumbers(z, SHOWN_DIGITS),
    signed: z.some((v) => v < 0),
  };
}

function matrix(t: unknown): { rows: number; cols: number; z: number[] } {
  if (t instanceof Tensor) {
    if (t.ndim !== 2) throw new TypeError(`${FN}: t must be 2-D, not a tensor of shape [${t.shape.join(", ")}]${t.ndim === 1 ? "; make it one row with .reshape(1, -1)" : ""}`);
    const [rows, cols] = t.shape;
    limit(rows, cols);
    return { rows, cols, z: Array.from(t.data) };
  }
  if (Array.isArray(t) && t.every(Array.isArray)) {
    const cols = t[0]?.length ?? 0;
    const ragged = t.findIndex((row: unknown[]) => row.length !== cols);
    if (ragged >= 0) throw new RangeError(`${FN}: row ${ragged} has ${t[ragged].length} values and row 0 has ${cols}; every row needs the same length`);
    limit(t.length, cols);
    return { rows: t.length, cols, z: t.flat() };
  }
  throw new TypeError(`${FN}: t must be a 2-D tensor or a list of rows of numbers`);
}

function limit(rows: number, cols: number): void {
  if (rows * cols > MAX_HEATMAP_CELLS) throw tooMany(FN, `values of a [${rows}, ${cols}] matrix`, rows * cols, MAX_HEATMAP_CELLS, "show a slice of it");
}

/** The text fallback: shape and range (a matrix this size is not read as text), of the exact `values` when given. */
export function heatmapText(payload: HeatmapPayload, values: readonly number[] = payload.z): string {
  let [min, max, sum] = [Infinity, -Infinity, 0];
  for (const v of values) [min, max, sum] = [Math.min(min, v), Math.max(max, v), sum + v];
  const stats = values.length ? `min ${formatNumber(min)}, mean ${formatNumber(sum / values.length)}, max ${formatNumber(max)}` : "empty";
  return `${payload.title || "Heatmap"}: [${payload.rows}, ${payload.cols}] (${payload.yLabel} × ${payload.xLabel}), ${stats}`;
}
