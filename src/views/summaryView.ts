import { viewItem } from "../protocol/payloadMap";
import { nn } from "../engine";
import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";
import type { SummaryPayload } from "../protocol/payloads";

/** A model's layers, output shapes and parameter counts, with each layer's equation in TeX. */
export function summaryItems(model: nn.Module): OutputItem[] {
  const payload = summaryPayload(model);
  return [
    viewItem(Mime.summary, payload),
    { mime: Mime.text, data: summaryText(payload) },
  ];
}

type Row = SummaryPayload["rows"][number];

/**
 * Every layer of the model, however deep it sits (`body.0`, `encoder.fc1`), as each layer describes
 * itself. Output shapes follow the features through a Sequential; inside a module of the user's own,
 * whose forward may use its layers in any order, a layer that keeps its input's shape shows `?`.
 */
export function summaryPayload(model: nn.Module): SummaryPayload {
  const rows: Row[] = [];
  const walk = (module: nn.Module, name: string, chained: boolean, features: number | undefined): number | undefined => {
    const children = module.namedChildren();
    if (children.length === 0) {
      const info = module.describe();
      const out = typeof info.features === "number" ? info.features : info.features === "same" && chained ? features : undefined;
      rows.push({
        name,
        layer: module.toString().split("\n")[0],
        outputShape: out === undefined ? "?" : `[N, ${out}]`,
        params: module.numParameters(),
        ...(info.equation ? { equation: info.equation } : {}),
      });
      return out;
    }
    const sequential = module instanceof nn.Sequential;
    let current = sequential ? features : undefined;
    for (const [child, layer] of children) {
      const out = walk(layer, name ? `${name}.${child}` : child, sequential, current);
      current = sequential ? out : undefined;
    }
    return current;
  };
  walk(model, "", false, undefined);
  return { version: 2, title: model.describe().kind, rows, total: model.numParameters() };
}

export function summaryText(payload: SummaryPayload): string {
  const width = Math.max(6, ...payload.rows.map((r) => r.name.length));
  const lines = payload.rows.map((r) => `${(r.name || "-").padEnd(width)} ${r.layer.padEnd(48)} ${r.outputShape.padEnd(10)} ${r.params.toLocaleString("en-US")}`);
  return [`${payload.title}: ${payload.total.toLocaleString("en-US")} parameters`, ...lines].join("\n");
}
