import { viewItem } from "../../protocol/payloadMap";
import { type Dataset, type nn, Tensor } from "../../engine";
import type { FitPayload } from "../../protocol/fitPayload";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { formatCount, formatNumber } from "../format";
import { featureNamesOf } from "../../engine/data/featureNames";
import { checkModelAndData } from "./classify";
import { predict } from "./predict";
import { drawnNumber } from "../../protocol/numbers";
import { paddedRange, sampleRows, steps } from "./sample";

const FN = "show.fit";
/** Points of the model's curve: smooth at a cell's width. */
const CURVE_POINTS = 200;
const MARGIN = 0.05;

export function fitItems(model: nn.Module, dataset: Dataset, progress?: { done: number; total: number }): OutputItem[] {
  const payload = fitPayload(model, dataset, progress);
  return [
    viewItem(Mime.fit, payload),
    { mime: Mime.text, data: fitText(payload) },
  ];
}

/** Why `show.fit` cannot draw `model` on `dataset`, as its error says; undefined when it can. */
export function fitProblem(model: unknown, dataset: unknown): string | undefined {
  try {
    checkFit(model, dataset);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(`${FN}: `, "") : String(error);
  }
}

function checkFit(model: unknown, dataset: unknown): asserts dataset is Dataset {
  checkModelAndData(FN, model, dataset);
  const ds = dataset as Dataset;
  if (ds.task !== "regression") throw new TypeError(`${FN} draws a regression, and this dataset is ${ds.task} classification: use ${ds.features === 2 ? "show.boundary" : "show.confusion"}`);
  if (ds.features !== 1) throw new RangeError(`${FN} needs 1 feature; this dataset has ${ds.features}: a curve is drawn against one input`);
  if (ds.y.numel() !== ds.length) throw new RangeError(`${FN} needs one target per row; this dataset has ${ds.y.numel() / Math.max(ds.length, 1)} per row`);
  if (ds.length === 0) throw new RangeError(`${FN}: the dataset has no rows`);
}

export function fitPayload(model: nn.Module, dataset: Dataset, progress?: { done: number; total: number }): FitPayload {
  checkFit(model, dataset);
  const n = dataset.length, x = dataset.x.data, y = dataset.y.data;
  const fitted = output(model, dataset.x);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (fitted[i] - y[i]) ** 2;
  const curveX = steps(...paddedRange(x, MARGIN), CURVE_POINTS);
  const curveY = output(model, new Tensor(Float32Array.from(curveX), [CURVE_POINTS, 1]));
  const shown = sampleRows(n);
  const mse = sum / n;
  const payload: FitPayload = {
    version: 1,
    title: `Fit${dataset.name ? ` to ${dataset.name}` : ""} · MSE ${formatNumber(mse)}`,
    xLabel: featureNamesOf(dataset)[0]!,
    yLabel: dataset.targetName ?? "y",
    points: { x: shown.map((i) => drawnNumber(x[i])), y: shown.map((i) => drawnNumber(y[i])) },
    curve: { x: curveX.map((v) => drawnNumber(v)), y: Array.from(curveY, (v) => drawnNumber(v)) },
    rows: n,
    mse,
  };
  if (progress) payload.progress = progress;
  return payload;
}

/** The model's one output per row; a model with more outputs per row is not a 1-output regression. */
function output(model: nn.Module, x: Tensor): Float32Array {
  const { values, cols } = predict(FN, model, x);
  if (cols !== 1) throw new RangeError(`${FN}: the model gives ${cols} outputs per row; a fit needs 1 (end the model with nn.Linear(…, 1))`);
  return values;
}

/** The text fallback: the error, and where the curve runs. */
export function fitText(payload: FitPayload): string {
  const { curve } = payload;
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of curve.y) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const lines = [
    `${payload.title}${payload.progress ? ` (epoch ${payload.progress.done} / ${payload.progress.total})` : ""}`,
    `MSE ${formatNumber(payload.mse)} over ${formatCount(payload.rows)} points`,
    `curve: ${payload.yLabel} from ${formatNumber(lo)} to ${formatNumber(hi)} for ${payload.xLabel} ${formatNumber(curve.x[0])} to ${formatNumber(curve.x.at(-1)!)}`,
  ];
  if (payload.points.x.length < payload.rows) lines.push(`points drawn: ${formatCount(payload.points.x.length)} of ${formatCount(payload.rows)}, evenly spread`);
  return lines.join("\n");
}
