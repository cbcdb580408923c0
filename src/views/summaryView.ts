import type { nn } from "../engine";
import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";
import type { SummaryPayload } from "../protocol/payloads";
import { layerEquation } from "./layerEquations";

/** A model's layers, output shapes and parameter counts, with each layer's equation in TeX. */
export function summaryItems(model: nn.Module): OutputItem[] {
  const payload = summaryPayload(model);
  return [
    { mime: Mime.summary, data: payload },
    { mime: Mime.text, data: summaryText(payload) },
  ];
}

export function summaryPayload(model: nn.Module): SummaryPayload {
  const children = model.namedChildren();
  const layers = children.length > 0 ? children : [["", model] as [string, nn.Module]];
  let features: number | undefined;
  const rows = layers.map(([name, layer]) => {
    const fields = layer as unknown as Record<string, unknown>;
    const type = layer.constructor.name;
    if (typeof fields.outFeatures === "number") features = fields.outFeatures;
    else if (typeof fields.numFeatures === "number") features = fields.numFeatures;
    else if (layer.namedChildren().length > 0 || type === "Flatten") features = undefined;
    const tex = layerEquation(type, fields);
    return {
      name,
      layer: layer.toString().split("\n")[0],
      outputShape: features === undefined ? "?" : `[N, ${features}]`,
      params: layer.numParameters(),
      ...(tex ? { equation: tex } : {}),
    };
  });
  return { version: 2, title: model.constructor.name, rows, total: model.numParameters() };
}

export function summaryText(payload: SummaryPayload): string {
  const lines = payload.rows.map((r) => `${(r.name || "-").padEnd(6)} ${r.layer.padEnd(48)} ${r.outputShape.padEnd(10)} ${r.params.toLocaleString("en-US")}`);
  return [`${payload.title}: ${payload.total.toLocaleString("en-US")} parameters`, ...lines].join("\n");
}
