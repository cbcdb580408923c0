import { viewItem } from "../protocol/payloadMap";
import { Tensor } from "../engine";
import type { HeatmapPayload } from "../protocol/chartPayloads";
import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";
import { drawnNumbers, float32Number, SHOWN_DIGITS } from "../protocol/numbers";
import { jsonNumber, TENSOR_GRID_MAX, type TensorPayload } from "../protocol/payloads";

/** Values past this are summarised rather than sent: the view shows a tensor's corners anyway. */
export const MAX_SENT_VALUES = 10_000;
/** A heatmap of a larger matrix is pooled to at most this many rows and columns: more than its pixels. */
export const HEATMAP_SIDE = 200;

/** A tensor as the matrix view (a heatmap when too large to read as numbers) plus PyTorch's own text form. */
export function tensorItems(t: Tensor): OutputItem[] {
  return [
    viewItem(Mime.tensor, tensorPayload(t)),
    { mime: Mime.text, data: t.toString() },
  ];
}

export function tensorPayload(t: Tensor): TensorPayload {
  const values = t.data;
  const rows = t.ndim >= 2 ? t.shape[t.ndim - 2] : 1, cols = t.ndim >= 1 ? t.shape[t.ndim - 1] : 1;
  const large = rows > TENSOR_GRID_MAX || cols > TENSOR_GRID_MAX;
  const payload: TensorPayload = {
    version: 1,
    shape: [...t.shape],
    data: large ? [] : Array.from(values.subarray(0, MAX_SENT_VALUES), (v) => jsonNumber(float32Number(v))),
    requiresGrad: t.requiresGrad,
  };
  if (large || values.length > MAX_SENT_VALUES) payload.summary = summary(values);
  if (large) {
    payload.heatmap = heatmapOf(values.subarray(0, rows * cols), rows, cols);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) payload.nonFinite = { count: values.reduce((n, v) => n + (Number.isFinite(v) ? 0 : 1), 0), first: position(bad, t.shape) };
  }
  return payload;
}

/** Min, mean and max of the finite values (NaN when there is none), the sum in float64. */
function summary(values: Float32Array): { min: number; max: number; mean: number } {
  let min = Infinity, max = -Infinity, sum = 0, n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
  }
  return n > 0 ? { min, max, mean: sum / n } : { min: NaN, max: NaN, mean: NaN };
}

/** The matrix as a heatmap, each cell the mean of a block when it has more than HEATMAP_SIDE rows or columns. */
function heatmapOf(values: Float32Array, rows: number, cols: number): HeatmapPayload {
  const br = Math.ceil(rows / HEATMAP_SIDE), bc = Math.ceil(cols / HEATMAP_SIDE);
  const outRows = Math.ceil(rows / br), outCols = Math.ceil(cols / bc);
  const z = new Array<number>(outRows * outCols).fill(0), counts = new Array<number>(outRows * outCols).fill(0);
  let signed = false;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = values[r * cols + c];
      // A NaN or infinity would make the whole block unreadable; it is counted and named in the caption instead.
      if (!Number.isFinite(v)) continue;
      if (v < 0) signed = true;
      const cell = Math.floor(r / br) * outCols + Math.floor(c / bc);
      z[cell] += v;
      counts[cell]++;
    }
  }
  for (let i = 0; i < z.length; i++) z[i] = counts[i] > 0 ? z[i] / counts[i] : 0;
  // The 3 digits its colours and hover show.
  const heatmap: HeatmapPayload = { version: 1, kind: "heatmap", title: "", xLabel: "column", yLabel: "row", rows: outRows, cols: outCols, z: drawnNumbers(z, SHOWN_DIGITS), signed };
  if (br > 1 || bc > 1) heatmap.pooled = { rows, cols, block: [br, bc] };
  return heatmap;
}

function position(index: number, shape: readonly number[]): number[] {
  const pos: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    pos.unshift(index % shape[d]);
    index = Math.floor(index / shape[d]);
  }
  return pos;
}
