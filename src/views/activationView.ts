import { viewItem } from "../protocol/payloadMap";
import { drawnNumber } from "../protocol/numbers";
import { linspace } from "../engine";
import { isGradEnabled } from "../engine/autograd";
import { Mime } from "../protocol/mimes";
import { formatNumber } from "../protocol/numbers";
import type { OutputItem } from "../protocol/outputs";
import { jsonNumber, type ActivationPayload } from "../protocol/payloads";
import { chooseActivation } from "./activationChoice";

/** Where the curves are drawn: wide enough for sigmoid and tanh to flatten out, GELU and SiLU to dip. */
const RANGE = [-4, 4] as const;
const POINTS = 161;

export function activationItems(name: unknown): OutputItem[] {
  const payload = activationPayload(name);
  return [
    viewItem(Mime.activation, payload),
    { mime: Mime.text, data: activationText(payload) },
  ];
}

/**
 * The function and its derivative as the engine computes them: the layer's forward over a linspace, and
 * the gradient of their sum by autograd, which at each x is that x's own derivative (the ops are elementwise).
 */
export function activationPayload(name: unknown): ActivationPayload {
  const { name: known, layer, derivativeTex } = chooseActivation(name);
  if (!isGradEnabled()) throw new Error("show.activation: the derivative is computed by autograd, which is off inside noGrad(); call show.activation outside it");
  const x = linspace(RANGE[0], RANGE[1], POINTS, { requiresGrad: true });
  const y = layer.forward(x);
  y.sum().backward();
  const info = layer.describe();
  return {
    version: 1,
    name: known,
    title: info.kind,
    tex: info.equation ?? "",
    derivativeTex,
    x: Array.from(x.data, (v) => drawnNumber(v)),
    y: Array.from(y.data, (v: number) => jsonNumber(drawnNumber(v))),
    dy: Array.from(x.grad!.data, (v: number) => jsonNumber(drawnNumber(v))),
  };
}

/** The text fallback: the function and its derivative at a few points. */
export function activationText(payload: ActivationPayload): string {
  const at = [-2, -1, 0, 1, 2].map((v) => payload.x.findIndex((x) => Math.abs(x - v) < 1e-6)).filter((i) => i >= 0);
  const column = (label: string, values: (number | string)[]) => `${label.padEnd(6)}${at.map((i) => formatNumber(Number(values[i])).padStart(8)).join("")}`;
  return [`${payload.title} and its derivative`, column("z", payload.x), column("a", payload.y), column("da/dz", payload.dy)].join("\n");
}
