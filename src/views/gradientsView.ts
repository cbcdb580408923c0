import { viewItem } from "../protocol/payloadMap";
import { History, nn } from "../engine";
import type { GradientsPayload } from "../protocol/gradientsPayload";
import { Mime } from "../protocol/mimes";
import { formatNumber } from "../protocol/numbers";
import type { OutputItem } from "../protocol/outputs";
import { drawnNumber } from "../protocol/numbers";
import { jsonNumber } from "../protocol/payloads";
import { checkOptions, describe } from "./charts/options";
import { gradientVerdict, type FlowLayer } from "./gradientVerdict";
import { layerOf } from "./weightSeries";

export interface GradientsOptions {
  /**
   * The model the history trained, so the verdict can name its activations as a cause; a Sequential's are
   * known from the history when activations were recorded (the default).
   */
  model?: nn.Module;
}

const FN = "show.gradients";

export function gradientsItems(history: History, options?: GradientsOptions): OutputItem[] {
  const payload = gradientsPayload(history, options);
  return [
    viewItem(Mime.gradients, payload),
    { mime: Mime.text, data: gradientsText(payload) },
  ];
}

/** Per weight matrix (input layer first), mean and max |∂L/∂W| at each recorded epoch, and the verdict. */
export function gradientsPayload(history: History, options?: GradientsOptions): GradientsPayload {
  if (!(history instanceof History)) throw new TypeError(`${FN}: pass the history that train() returned, not ${describe(history)}; the gradients are recorded while it trains`);
  const model = checkModel(options);
  const recorded = history.snapshots.filter((s) => s.gradients && s.gradients.length > 0);
  if (recorded.length === 0) {
    throw new Error(`${FN}: this history has no recorded gradients: it was trained with record: false or record: { gradients: false }. Train again with record: { gradients: true } (the default) to see them`);
  }
  const isMatrix = matrixTest(history, model);
  const names = recorded[0].gradients!.map((g) => g.name).filter(isMatrix);
  if (names.length === 0) throw new Error(`${FN}: the model has no weight matrices (2-D parameters, as nn.Linear's weight), so there is no gradient flow to show`);
  const layers: FlowLayer[] = names.map((name) => {
    const stats = recorded.map((s) => s.gradients!.find((g) => g.name === name));
    return { layer: layerOf(name) || name, mean: stats.map((g) => g?.meanAbs ?? NaN), max: stats.map((g) => g?.maxAbs ?? NaN) };
  });
  const epochs = recorded.map((s) => s.epoch);
  const verdict = gradientVerdict(layers, { activations: activationsOf(history, model), loss: history.loss }, epochs);
  return {
    version: 1,
    title: "Gradient flow",
    epochs,
    layers: layers.map((l, i) => ({ name: names[i], layer: l.layer, mean: l.mean.map(drawn), max: l.max.map(drawn) })),
    verdict: verdict.text,
    flags: verdict.flags,
  };
}

function checkModel(options: GradientsOptions | undefined): nn.Module | undefined {
  if (options === undefined) return undefined;
  checkOptions(FN, options, { model: "checked" });
  if (options.model !== undefined && !(options.model instanceof nn.Module)) throw new TypeError(`${FN}: model must be the model the history trained (an nn.Module), not ${describe(options.model)}`);
  return options.model;
}

/** Which parameters are weight matrices: by their recorded shapes, else the model's, else by name. */
function matrixTest(history: History, model: nn.Module | undefined): (name: string) => boolean {
  const shapes = history.snapshots.find((s) => s.weights)?.weights?.map((w) => [w.name, w.shape.length] as const) ?? model?.namedParameters().map(([n, p]) => [n, p.ndim] as const);
  if (shapes) {
    const matrices = new Set(shapes.filter(([, ndim]) => ndim >= 2).map(([n]) => n));
    return (name) => matrices.has(name);
  }
  return (name) => name === "weight" || name.endsWith(".weight");
}

/** The activations of the model, in order: from the model when given, else from a Sequential's recorded layers. */
function activationsOf(history: History, model: nn.Module | undefined): string[] | undefined {
  if (model) {
    return model
      .namedModules()
      .filter(([, m]) => m.namedChildren().length === 0)
      .map(([, m]) => m.describe().activation)
      .filter((a): a is NonNullable<typeof a> => a !== undefined);
  }
  const layers = history.snapshots.find((s) => s.activations)?.activations;
  if (!layers) return undefined;
  // The recorded kinds are the layers' own `describe().kind`; the activation layers among them by their engine names.
  const byKind: Record<string, string> = { Sigmoid: "sigmoid", Tanh: "tanh", ReLU: "relu", LeakyReLU: "leakyRelu", GELU: "gelu", SiLU: "silu", Step: "step", Softmax: "softmax" };
  return layers.map((l) => byKind[l.type]).filter((a): a is string => a !== undefined);
}

/** The text fallback: per layer its mean and max |∂L/∂W| at the first and last recorded epoch, then the verdict. */
export function gradientsText(payload: GradientsPayload): string {
  const { epochs } = payload;
  const width = Math.max(...payload.layers.map((l) => l.name.length));
  const at = (values: (number | string)[], i: number) => formatNumber(Number(values[i]));
  const lines = payload.layers.map((l) => {
    const last = epochs.length - 1;
    const span = last > 0 ? `${at(l.mean, 0)} → ${at(l.mean, last)}` : at(l.mean, 0);
    return `${l.name.padEnd(width)}  mean |∂L/∂W| ${span}, max ${at(l.max, last)}`;
  });
  const when = epochs.length > 1 ? `epochs ${epochs[0]}–${epochs[epochs.length - 1]}` : `epoch ${epochs[0]}`;
  return [`${payload.title} (input layer first), ${when}`, ...lines, payload.verdict].join("\n");
}

/** A value to the digits its chart and text show, NaN (no gradient recorded) as JSON can hold it. */
function drawn(v: number): number | string {
  return jsonNumber(drawnNumber(v));
}
