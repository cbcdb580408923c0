import { viewItem } from "../protocol/payloadMap";
import { drawnNumbers } from "../protocol/numbers";
import { Dataset, nn, Tensor } from "../engine";
import { takeRows } from "../engine/data/rows";
import type { ActivationsPayload, FeatureMaps, LayerActivations } from "../protocol/activationsPayload";
import { Mime } from "../protocol/mimes";
import { formatNumber } from "../protocol/numbers";
import type { OutputItem } from "../protocol/outputs";
import { layerOutputs, type LayerOutput } from "./layerOutputs";

/** Inputs the distributions are computed on at most: enough for their shape, few enough to stay instant. */
export const MAX_ROWS = 1000;
/** Feature maps shown per layer at most: past it every k-th channel. */
export const MAX_MAPS = 16;
const BINS = 30;
const FN = "show.activations";

export function activationsItems(model: unknown, x: unknown): OutputItem[] {
  const payload = activationsPayload(model, x);
  return [
    viewItem(Mime.activations, payload),
    { mime: Mime.text, data: activationsText(payload) },
  ];
}

export function activationsPayload(model: unknown, x: unknown): ActivationsPayload {
  if (!(model instanceof nn.Module)) throw new TypeError(`${FN}: the first argument must be a model (an nn.Module such as nn.Sequential(…)), not ${typeof model}`);
  const inputs = x instanceof Dataset ? x.x : x;
  if (!(inputs instanceof Tensor)) throw new TypeError(`${FN}: x must be a tensor of inputs (one row per example) or a Dataset, not ${inputs === null ? "null" : typeof inputs}`);
  if (inputs.ndim < 1 || inputs.shape[0] === 0) throw new RangeError(`${FN}: x has no rows (shape [${inputs.shape.join(", ")}])`);
  const given = inputs.shape[0];
  // Evenly spread rows, so that data ordered by class is covered.
  const rows = given > MAX_ROWS ? takeRows(inputs, Array.from({ length: MAX_ROWS }, (_, i) => Math.floor((i * given) / MAX_ROWS))) : inputs;
  const outputs = layerOutputs(model, rows);
  if (outputs.length === 0) throw new Error(`${FN}: the model ran no layers of its own on x, so there is nothing to show`);
  const badLayer = outputs.find((o) => o.output.data.some((v) => !Number.isFinite(v)));
  if (badLayer) throw new RangeError(`${FN}: layer ${label(badLayer)} gives NaN or infinite outputs for these inputs; look at its weights and the layers before it`);
  const input = rows.ndim === 4 ? { input: featureMaps(rows) } : {};
  return { version: 1, title: `Activations of ${model.describe().kind} on ${rows.shape[0]} inputs`, rows: rows.shape[0], givenRows: given, layers: outputs.map(summarise), ...input };
}

/** The first image's channels of a batch [N, C, H, W], as small images on their own range. */
function featureMaps(t: Tensor): FeatureMaps {
  const [, c, h, w] = t.shape, k = Math.ceil(c / MAX_MAPS), plane = h * w;
  const channels = Array.from({ length: Math.ceil(c / k) }, (_, i) => i * k);
  const pixels = channels.map((ch) => drawnNumbers(Array.from(t.data.subarray(ch * plane, (ch + 1) * plane))));
  let min = Infinity, max = -Infinity;
  for (const p of pixels) for (const v of p) [min, max] = [Math.min(min, v), Math.max(max, v)];
  return { shape: [h, w], channels, of: c, pixels, min, max };
}

function label(o: LayerOutput): string {
  return o.name ? `${o.name} (${o.module.describe().kind})` : o.module.describe().kind;
}

function summarise(o: LayerOutput): LayerActivations {
  const info = o.module.describe(), v = o.output.data, n = v.length;
  let min = Infinity, max = -Infinity, sum = 0, zeros = 0;
  for (let i = 0; i < n; i++) {
    if (v[i] === 0) zeros++;
    if (v[i] < min) min = v[i];
    if (v[i] > max) max = v[i];
    sum += v[i];
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (v[i] - mean) ** 2;
  const width = (max - min) / BINS;
  const bins = width > 0 ? BINS : 1;
  const edges = width > 0 ? Array.from({ length: BINS + 1 }, (_, i) => min + i * width) : [min - 0.5, min + 0.5];
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) counts[width > 0 ? Math.min(BINS - 1, Math.floor((v[i] - min) / width)) : 0]++;
  const layer: LayerActivations = { name: o.name, kind: info.kind, shape: [...o.output.shape], edges: drawnNumbers(edges), counts, mean, std: Math.sqrt(sq / n), note: "" };
  if (info.activation) layer.activation = info.activation;
  const inputs = o.output.shape[0], units = o.output.ndim === 2 ? o.output.shape[1] : 0;
  if (info.activation === "relu" && units > 0) {
    let dead = 0;
    for (let j = 0; j < units; j++) {
      let r = 0;
      while (r < inputs && v[r * units + j] === 0) r++;
      if (r === inputs) dead++;
    }
    layer.dead = { units: dead, of: units };
  }
  if (info.activation === "sigmoid" || info.activation === "tanh") {
    let saturated = 0;
    for (let i = 0; i < n; i++) if (info.activation === "sigmoid" ? v[i] < 0.01 || v[i] > 0.99 : Math.abs(v[i]) > 0.99) saturated++;
    layer.saturated = saturated / n;
  }
  layer.note = note(layer, inputs, zeros / n);
  if (o.output.ndim === 4) layer.maps = featureMaps(o.output);
  return layer;
}

function percent(share: number): string {
  return `${Number((share * 100).toFixed(share < 0.1 ? 1 : 0))}%`;
}

/** The sentence under a layer's histogram: what a learner should notice. */
function note(layer: LayerActivations, inputs: number, zeros: number): string {
  if (layer.dead) {
    const { units, of } = layer.dead;
    if (units > 0) return `${units} of ${of} units dead (${percent(units / of)}): 0 on every one of these ${inputs} inputs, so they pass no gradient`;
    return `no dead units; ${percent(zeros)} of outputs are 0`;
  }
  if (layer.saturated !== undefined) {
    const range = layer.activation === "sigmoid" ? "below 0.01 or above 0.99" : "beyond ±0.99";
    if (layer.saturated > 0) return `${percent(layer.saturated)} of outputs saturated (${range}), where the derivative is nearly 0`;
    return `none saturated (${range}); mean ${formatNumber(layer.mean)}, std ${formatNumber(layer.std)}`;
  }
  return `mean ${formatNumber(layer.mean)}, std ${formatNumber(layer.std)}`;
}

export function activationsText(payload: ActivationsPayload): string {
  const lines = payload.layers.map((l) => `${l.name ? `${l.name} ` : ""}${l.kind} [${l.shape.join(", ")}]: ${l.note}${l.maps ? `; feature maps of input 0: ${l.maps.channels.length} of ${l.shape[1]} channels, ${formatNumber(l.maps.min)} to ${formatNumber(l.maps.max)}` : ""}`);
  const sample = payload.rows < payload.givenRows ? ` (${payload.rows} of ${payload.givenRows} rows, evenly spread)` : "";
  return `${payload.title}${sample}\n${lines.join("\n")}`;
}
