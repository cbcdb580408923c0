import { viewItem } from "../protocol/payloadMap";
import type { History, nn } from "../engine";
import { Mime } from "../protocol/mimes";
import { formatNumber } from "../protocol/numbers";
import type { OutputItem } from "../protocol/outputs";
import { weightDecimals, type WeightMatrix, type WeightsPayload } from "../protocol/weightsPayload";
import { checkOptions } from "./charts/options";
import { closestName } from "./closestName";
import { weightSeries, type MatrixSeries } from "./weightSeries";

export interface WeightsOptions {
  /**
   * One layer by its name in `namedParameters()`: the layer ("0", "body.2") or its weight ("0.weight").
   * Default: every weight matrix.
   */
  layer?: string;
}

/** Rows or columns of a matrix shown at most: wider ones show every k-th index, as the caption says. */
export const MAX_SIDE = 96;
/** Values of every matrix and frame together at most (about 80 KB stored, 4 characters each); past it frames are left out. */
export const MAX_VALUES = 20_000;
/** Frames a run's view keeps at most: enough for its slider to show how the weights moved. */
export const MAX_FRAMES = 25;
const FN = "show.weights";

export function weightsItems(source: nn.Module | History, options?: WeightsOptions): OutputItem[] {
  const { payload, lastBias } = made(source, options);
  return [
    viewItem(Mime.weights, payload),
    { mime: Mime.text, data: weightsText(payload, lastBias) },
  ];
}

export function weightsPayload(source: nn.Module | History, options?: WeightsOptions): WeightsPayload {
  return made(source, options).payload;
}

/** The payload, and each matrix's bias at the last frame exactly, for the text. */
function made(source: nn.Module | History, options?: WeightsOptions): { payload: WeightsPayload; lastBias: (ArrayLike<number> | undefined)[] } {
  const o = checkOptions(FN, options, { layer: "string" });
  const all = weightSeries(FN, source);
  const chosen = o.layer === undefined ? all.matrices : pick(all.matrices, o.layer);
  const notes: string[] = [];
  const thinned = chosen.map((m) => (m.kernel ? kernelSides(m, notes) : { m, rows: stride(m.shape[0]), cols: stride(m.shape[1]) }));
  for (const { m, rows, cols } of thinned) {
    if (m.kernel) continue;
    const parts = [side(rows, m.shape[0], "output unit"), side(cols, m.shape[1], "input")].filter(Boolean);
    if (parts.length) notes.push(`${m.name} [${m.shape.join(", ")}]: ${parts.join(" and ")} shown.`);
  }
  // Frames evenly spread over the run, the first and last always kept, as many as the budget allows.
  const perFrame = thinned.reduce((n, t) => n + t.rows.length * (t.cols.length + (t.m.bias ? 1 : 0)), 0);
  const recorded = Math.max(1, all.epochs.length);
  const keep = spread(recorded, Math.min(MAX_FRAMES, Math.max(2, Math.floor(MAX_VALUES / perFrame))));
  if (keep.length < recorded) notes.push(`${keep.length} of the ${recorded} recorded epochs shown, spread evenly; the change on hover is since the previous epoch shown.`);
  if (o.layer === undefined && all.others.length) notes.push(`Not shown, being neither a matrix nor a matrix's bias: ${all.others.join(", ")}.`);
  if (chosen.some((m) => !m.bias)) notes.push(`Without a bias: ${chosen.filter((m) => !m.bias).map((m) => m.name).join(", ")}.`);

  let maxAbs = 0;
  for (const m of chosen) for (const frame of [...m.frames, ...(m.bias?.frames ?? [])]) for (let i = 0; i < frame.length; i++) maxAbs = Math.max(maxAbs, Math.abs(frame[i]));
  const sent = toDecimals(weightDecimals(maxAbs));
  const matrices: WeightMatrix[] = thinned.map(({ m, rows, cols }) => ({
    name: m.name,
    shape: m.shape,
    ...(m.kernel ? { kernel: m.kernel } : {}),
    rows,
    cols,
    frames: keep.map((f) => rows.flatMap((r) => cols.map((c) => sent(m.frames[f][r * m.shape[1] + c])))),
    summary: summarise(m.frames[0], m.frames[m.frames.length - 1]),
    ...(m.bias ? { bias: { name: m.bias.name, frames: keep.map((f) => rows.map((r) => sent(m.bias!.frames[f][r]))) } } : {}),
  }));
  const epochs = keep.length && all.epochs.length ? keep.map((f) => all.epochs[f]) : [];
  const title = epochs.length ? `Weights over training, epochs ${epochs[0]}–${epochs[epochs.length - 1]}` : "Weights";
  const lastBias = thinned.map(({ m, rows }) => (m.bias ? rows.map((r) => m.bias!.frames[m.bias!.frames.length - 1][r]) : undefined));
  return { payload: { version: 1, title, epochs, recordedEpochs: all.epochs.length, maxAbs, matrices, notes }, lastBias };
}

/** The whole matrix's range at the last frame, and how far it moved from the first: the text reports these. */
function summarise(first: Float32Array, last: Float32Array): WeightMatrix["summary"] {
  let [min, max, sum, moved] = [Infinity, -Infinity, 0, 0];
  for (let i = 0; i < last.length; i++) {
    [min, max, sum] = [Math.min(min, last[i]), Math.max(max, last[i]), sum + last[i]];
    moved += Math.abs(last[i] - first[i]);
  }
  return { min, mean: sum / last.length, max, moved: moved / last.length };
}

/** The matrices of `layer`: the layer's own ("0") or one by its parameter name ("0.weight"). */
function pick(matrices: MatrixSeries[], layer: string): MatrixSeries[] {
  const found = matrices.filter((m) => m.name === layer || m.layer === layer);
  if (found.length) return found;
  const names = [...new Set(matrices.flatMap((m) => [m.layer, m.name].filter(Boolean)))];
  const near = closestName(layer, names);
  const hint = near ? `did you mean "${near}"? ` : "";
  throw new RangeError(`${FN}: no layer with a weight matrix is called ${JSON.stringify(layer)}; ${hint}the layers are ${names.map((n) => `"${n}"`).join(", ")}`);
}

/** Output and input channels of a convolution's kernels shown at most: each kernel is a small image of its own. */
export const MAX_KERNEL_ROWS = 32;
export const MAX_KERNEL_CHANNELS = 16;

/** The rows (output channels) and columns (whole kernels of the input channels shown) of a kernel matrix. */
function kernelSides(m: MatrixSeries, notes: string[]): { m: MatrixSeries; rows: number[]; cols: number[] } {
  const { channels, size } = m.kernel!, taps = size[0] * size[1];
  const rows = stride(m.shape[0], MAX_KERNEL_ROWS), shownChannels = stride(channels, MAX_KERNEL_CHANNELS);
  const parts = [side(rows, m.shape[0], "output channel"), side(shownChannels, channels, "input channel")].filter(Boolean);
  if (parts.length) notes.push(`${m.name} [${m.shape[0]}, ${channels}, ${size.join(", ")}]: ${parts.join(" and ")} shown.`);
  return { m, rows, cols: shownChannels.flatMap((c) => Array.from({ length: taps }, (_, t) => c * taps + t)) };
}

/** Every k-th index of a side longer than `max`, with the smallest k that fits. */
export function stride(n: number, max = MAX_SIDE): number[] {
  const k = Math.ceil(n / max);
  return Array.from({ length: Math.ceil(n / k) }, (_, i) => i * k);
}

/** `count` indices from 0 to n − 1, evenly spread with the first and last kept; all of them when n ≤ count. */
export function spread(n: number, count: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  if (count === 1) return [0];
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = Math.round((i * (n - 1)) / (count - 1));
    if (v !== out[out.length - 1]) out.push(v);
  }
  return out;
}

function side(shown: number[], n: number, what: string): string {
  return shown.length < n ? `every ${ordinal(shown[1])} ${what} (${shown.length} of ${n})` : "";
}

function ordinal(k: number): string {
  const tens = k % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][k % 10] ?? "th");
  return `${k}${suffix}`;
}

function toDecimals(decimals: number): (v: number) => number {
  return (v) => Number(v.toFixed(decimals));
}

/**
 * The text fallback: per matrix its shape and range, and from a history how far it moved. The bias is read
 * from `lastBias` (exact) when given, else from the payload's last frame.
 */
export function weightsText(payload: WeightsPayload, lastBias: (ArrayLike<number> | undefined)[] = []): string {
  const { epochs } = payload;
  const lines = payload.matrices.map((m, i) => {
    const { min, mean, max, moved } = m.summary;
    const shape = m.kernel ? `[${m.shape[0]}, ${m.kernel.channels}, ${m.kernel.size.join(", ")}] (output channel × input channel × kernel)` : `[${m.shape.join(", ")}] (output unit × input)`;
    let line = `${m.name} ${shape}: min ${formatNumber(min)}, mean ${formatNumber(mean)}, max ${formatNumber(max)}`;
    if (m.bias) line += `; ${m.bias.name}${m.bias.frames[0].length < m.shape[0] ? " (shown rows)" : ""}: ${stats(lastBias[i] ?? m.bias.frames[m.bias.frames.length - 1])}`;
    if (epochs.length > 1) line += `; mean |Δw| epoch ${epochs[0]} → ${epochs[epochs.length - 1]}: ${formatNumber(moved)}`;
    return line;
  });
  const when = epochs.length ? ` (at epoch ${epochs[epochs.length - 1]}; ${epochs.length} epochs in the view)` : "";
  return [`${payload.title}${when}, scale ±${formatNumber(payload.maxAbs)}`, ...lines, ...payload.notes].join("\n");
}

function stats(values: ArrayLike<number>): string {
  let [min, max, sum] = [Infinity, -Infinity, 0];
  for (const v of Array.from(values)) [min, max, sum] = [Math.min(min, v), Math.max(max, v), sum + v];
  return `min ${formatNumber(min)}, mean ${formatNumber(sum / values.length)}, max ${formatNumber(max)}`;
}
