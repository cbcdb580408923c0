import { viewItem } from "../protocol/payloadMap";
import { nn, Tensor, zeros } from "../engine";
import { checkOptions, describe } from "./charts/options";
import { isLayer, layerResults, ownParameterCount } from "./layerOutputs";
import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";
import type { SummaryPayload } from "../protocol/payloads";

export interface SummaryOptions {
  /**
   * The shape of an input, batch first, as torchinfo's `input_size`: the model runs once on zeros of this shape
   * (in eval mode, without a graph) and each layer's output shape is the one it gave, e.g. `[1, 1, 8, 8]`.
   */
  inputSize?: number[];
  /** An input to run the model on instead, e.g. a batch of the data. */
  input?: Tensor;
  /**
   * The input's batch dim (default 0; 1 for a recurrent layer's [seq, batch, feature]). The model runs once more
   * with a batch one larger (or smaller), and the dims of each output that follow it show as N: `[N, 8, 4, 4]`.
   */
  batchDim?: number;
}

const FN = "show.summary";

/** A model's layers, output shapes and parameter counts, with each layer's equation in TeX. */
export function summaryItems(model: nn.Module, options?: SummaryOptions): OutputItem[] {
  const payload = summaryPayload(model, options);
  return [
    viewItem(Mime.summary, payload),
    { mime: Mime.text, data: summaryText(payload) },
  ];
}

type Row = SummaryPayload["rows"][number];

/**
 * Every layer of the model, however deep it sits (`body.0`, `encoder.fc1`), as each layer describes
 * itself. With an input (or its size) the output shapes are those each layer gave when the model ran on it.
 * Without, they follow the features through a Sequential; where they depend on the input (a convolution's
 * image size; a layer that keeps its input's shape inside a module of the user's own) they show `?`, and a
 * note says how to see them.
 */
export function summaryPayload(model: nn.Module, options?: SummaryOptions): SummaryPayload {
  if (!(model instanceof nn.Module)) throw new TypeError(`${FN}: the first argument must be a model (an nn.Module such as nn.Sequential(…)), not ${model === null ? "null" : typeof model}`);
  const o = checkOptions(FN, options, { inputSize: "numbers", input: "checked", batchDim: "index" } as const);
  if (o.input !== undefined && !(o.input instanceof Tensor)) throw new TypeError(`${FN}: input must be a tensor, e.g. a batch of the data, not ${describe(o.input)}`);
  if (o.inputSize !== undefined && o.input !== undefined) throw new TypeError(`${FN}: give inputSize or input, not both`);
  if (o.inputSize !== undefined && !o.inputSize.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`${FN}: inputSize must list whole sizes ≥ 1, batch first, e.g. [1, 1, 8, 8]; got [${o.inputSize.join(", ")}]`);
  }
  const input = o.input ?? (o.inputSize ? zeros(...o.inputSize) : undefined);
  const batchDim = o.batchDim ?? 0;
  if (input && batchDim >= input.ndim) throw new RangeError(`${FN}: batchDim ${batchDim} is not a dim of an input of shape [${input.shape.join(", ")}]`);
  const traced = input ? tracedShapes(model, input, batchDim) : undefined;
  const rows: Row[] = [];
  const walk = (module: nn.Module, name: string, chained: boolean, features: number | undefined): number | undefined => {
    const children = module.namedChildren();
    if (children.length === 0) {
      const info = module.describe();
      const out = typeof info.features === "number" ? info.features : info.features === "same" && chained ? features : undefined;
      rows.push({
        name,
        layer: module.toString().split("\n")[0],
        outputShape: traced ? (traced.get(module) ?? "not run") : out === undefined ? "?" : `[N, ${out}]`,
        params: module.numParameters(),
        ...(info.equation ? { equation: info.equation } : {}),
      });
      return out;
    }
    // A layer with parameters of its own beside its sublayers (MultiheadAttention's inProjWeight, outProj) is a
    // row of its own, counting its own parameters, before its sublayers' rows.
    const own = ownParameterCount(module);
    if (own > 0) {
      const info = module.describe();
      rows.push({
        name,
        layer: `${info.kind}(${module.extraRepr()})`,
        outputShape: traced ? (traced.get(module) ?? "not run") : "?",
        params: own,
        ...(info.equation ? { equation: info.equation } : {}),
      });
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
  const notes: string[] = [];
  if (input) {
    const shape = input.shape.map((n, i) => (i === batchDim ? "N" : String(n)));
    notes.push(`Output shapes for an input of shape [${shape.join(", ")}], N = ${input.shape[batchDim]}: a dim that follows the batch shows as N.`);
  }
  if (rows.some((r) => r.outputShape === "?")) notes.push(`? depends on the input: show.summary(model, { inputSize: [${exampleSize(model)}] }) runs it once and shows every shape.`);
  if (rows.some((r) => r.outputShape === "not run")) notes.push("not run: the model's forward did not use that layer for this input.");
  return { version: 2, title: model.describe().kind, rows, total: model.numParameters(), ...(notes.length ? { notes } : {}) };
}

/**
 * Each leaf's output shape for `input`: a tensor as [a, b], several results (a recurrent layer's) in parentheses.
 * A second run on a batch one larger (one smaller when given data) tells which dims follow the batch: those show
 * as N.
 */
function tracedShapes(model: nn.Module, input: Tensor, batchDim: number): Map<nn.Module, string> {
  const run = (x: Tensor) => {
    try {
      return layerResults(model, x);
    } catch (e) {
      throw new Error(`${FN}: the model did not run on an input of shape [${x.shape.join(", ")}]: ${(e as Error).message}`);
    }
  };
  const n = input.shape[batchDim];
  const other = n > 1 ? input.narrow(batchDim, 0, n - 1) : zeros(...input.shape.map((s, i) => (i === batchDim ? s + 1 : s)));
  const results = run(input), others = new Map<nn.Module, unknown>();
  for (const { module, result } of run(other)) if (!others.has(module)) others.set(module, result);
  const shapeOf = (v: unknown, w: unknown): string =>
    v instanceof Tensor
      ? `[${v.shape.map((d, i) => (w instanceof Tensor && w.ndim === v.ndim && w.shape[i] !== d ? "N" : String(d))).join(", ")}]`
      : Array.isArray(v)
        ? `(${v.map((x, i) => shapeOf(x, Array.isArray(w) ? w[i] : undefined)).join(", ")})`
        : v === null ? "null" : typeof v;
  const shapes = new Map<nn.Module, string>();
  for (const { module, result } of results) if (!shapes.has(module)) shapes.set(module, shapeOf(result, others.get(module)));
  return shapes;
}

/** An input size to suggest: the first layer's input, as far as it says (a Conv2d's channels), batch 1. */
function exampleSize(model: nn.Module): string {
  const first = model.namedModules().find(([, m]) => isLayer(m))?.[1];
  const config = first?.describe().config ?? {};
  if (typeof config.inChannels === "number") return `1, ${config.inChannels}, H, W`;
  if (typeof config.inFeatures === "number") return `1, ${config.inFeatures}`;
  if (typeof config.inputSize === "number") return config.batchFirst ? `1, L, ${config.inputSize}` : `L, 1, ${config.inputSize}`;
  if (typeof config.embedDim === "number") return config.batchFirst ? `1, L, ${config.embedDim}` : `L, 1, ${config.embedDim}`;
  return "1, …";
}

export function summaryText(payload: SummaryPayload): string {
  const width = Math.max(6, ...payload.rows.map((r) => r.name.length));
  const shapes = Math.max(10, ...payload.rows.map((r) => r.outputShape.length));
  const lines = payload.rows.map((r) => `${(r.name || "-").padEnd(width)} ${r.layer.padEnd(48)} ${r.outputShape.padEnd(shapes)} ${r.params.toLocaleString("en-US")}`);
  return [`${payload.title}: ${payload.total.toLocaleString("en-US")} parameters`, ...lines, ...(payload.notes ?? [])].join("\n");
}
