import { viewItem } from "../protocol/payloadMap";
import { drawnNumber } from "../protocol/numbers";
import { nn } from "../engine";
import { Mime } from "../protocol/mimes";
import { MAX_DRAWN_UNITS, type NetworkColumn, type NetworkPayload } from "../protocol/networkPayload";
import { formatNumber } from "../protocol/numbers";
import type { OutputItem } from "../protocol/outputs";
import { describe } from "./charts/options";

/** A layer wider than `MAX_DRAWN_UNITS` is drawn as its first this many units and "… n more". */
export const SUMMARY_UNITS = 24;
const FN = "show.network";

export function networkItems(model: nn.Module): OutputItem[] {
  const payload = networkPayload(model);
  return [
    viewItem(Mime.network, payload),
    { mime: Mime.text, data: networkText(payload) },
  ];
}

interface Column extends NetworkColumn {
  linear?: nn.Linear;
}

/**
 * The model's Linear layers as columns of units, in the order they are assigned (a Sequential's order), each
 * labelled with the activation that follows it. Layers that keep every unit as it is (Dropout, Identity,
 * Flatten) are passed over and named in a note; any other layer with parameters cannot be drawn as neurons.
 */
export function networkPayload(model: nn.Module): NetworkPayload {
  if (!(model instanceof nn.Module)) throw new TypeError(`${FN}: pass a model such as nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1)), not ${describe(model)}`);
  const columns: Column[] = [];
  const passed: string[] = [];
  let activations = 0;
  const leaves = model.namedModules().filter(([, m]) => m.namedChildren().length === 0);
  for (const [name, m] of leaves) {
    const info = m.describe();
    const label = name || info.kind;
    if (m instanceof nn.Linear) {
      const previous = columns[columns.length - 1];
      if (!previous) columns.push({ name: "input", units: m.inFeatures, shown: 0, activation: "" });
      else if (previous.units !== m.inFeatures) {
        throw new RangeError(
          `${FN}: layer "${label}" takes ${m.inFeatures} inputs, and the layer before it ("${previous.name}") gives ${previous.units}; show.network draws the Linear layers as one chain, in the order they are assigned`,
        );
      }
      columns.push({ name: label, units: m.outFeatures, shown: 0, activation: "", linear: m });
    } else if (info.activation !== undefined) {
      activations++;
      const last = columns[columns.length - 1];
      if (!last || !last.linear) passed.push(`${label} (${info.kind}) before any Linear layer`);
      else last.activation = last.activation ? `${last.activation}, ${info.kind}` : info.kind;
    } else if (m.numParameters() === 0) {
      passed.push(`${label} (${info.kind})`);
    } else {
      throw new TypeError(
        `${FN}: layer "${label}" (${info.kind}) cannot be drawn as neurons and connections; show.network draws Linear layers and the activations between them. show.summary(model) lists every layer${info.kind === "Conv2d" ? ", show.weights(model) draws its kernels and show.activations(model, x) its feature maps" : ""}`,
      );
    }
  }
  if (columns.length === 0) throw new TypeError(`${FN}: the model has no Linear layers to draw as neurons and connections`);

  const notes: string[] = [];
  for (const c of columns) {
    c.shown = c.units > MAX_DRAWN_UNITS ? SUMMARY_UNITS : c.units;
    if (c.shown < c.units) notes.push(`${c.name === "input" ? "The input" : `Layer ${c.name}`} has ${c.units.toLocaleString("en-US")} units: the first ${c.shown} are drawn, with the connections between drawn units only.`);
  }
  if (passed.length) notes.push(`Not drawn, keeping each unit as it is: ${passed.join(", ")}.`);
  if (activations === 0 && !(model instanceof nn.Sequential)) notes.push("No activation layers: an activation applied in forward() (such as x.relu()) is not seen, so the units are not labelled with one.");
  else if (activations === 0) notes.push("No activation layers: every layer is linear.");

  let maxAbs = 0;
  const weights = columns.slice(1).map((c, i) => {
    const w = c.linear!.weight.data;
    const inUnits = columns[i].units;
    for (let k = 0; k < w.length; k++) maxAbs = Math.max(maxAbs, Math.abs(w[k]));
    const out: number[] = [];
    for (let j = 0; j < c.shown; j++) for (let k = 0; k < columns[i].shown; k++) out.push(drawnNumber(w[j * inUnits + k]));
    return out;
  });
  for (const c of columns) {
    const b = c.linear?.bias?.data;
    if (!b) continue;
    for (let k = 0; k < b.length; k++) maxAbs = Math.max(maxAbs, Math.abs(b[k]));
    c.bias = Array.from(b.subarray(0, c.shown), (v) => drawnNumber(v));
  }
  const sizes = columns.map((c) => c.units).join(" → ");
  return {
    version: 1,
    title: `${model.describe().kind}: ${sizes}`,
    maxAbs,
    columns: columns.map(({ linear: _, ...c }) => c),
    weights,
    notes,
  };
}

/** The text fallback: the chain of layers with their activations, each layer's weight range and its strongest weight. */
export function networkText(payload: NetworkPayload): string {
  const lines = payload.weights.map((w, i) => {
    const [from, to] = [payload.columns[i], payload.columns[i + 1]];
    let [min, max, strongest] = [Infinity, -Infinity, 0];
    w.forEach((v, k) => {
      [min, max] = [Math.min(min, v), Math.max(max, v)];
      if (Math.abs(v) > Math.abs(w[strongest])) strongest = k;
    });
    const [j, k] = [Math.floor(strongest / from.shown), strongest % from.shown];
    const drawn = to.shown < to.units || from.shown < from.units ? " (of those drawn)" : "";
    return `layer ${to.name}: ${from.units} → ${to.units}${to.activation ? `, ${to.activation}` : ""}; weights ${formatNumber(min)} to ${formatNumber(max)}${drawn}, strongest w[${j},${k}] = ${formatNumber(w[strongest])}`;
  });
  return [`Network ${payload.title}, scale ±${formatNumber(payload.maxAbs)}`, ...lines, ...payload.notes].join("\n");
}
