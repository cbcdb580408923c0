import { viewItem } from "../../protocol/payloadMap";
import { type Dataset, type nn, Tensor } from "../../engine";
import type { BoundaryPayload } from "../../protocol/boundaryPayload";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { featureNamesOf } from "../../engine/data/featureNames";
import { checkOptions } from "../charts/options";
import { formatCount, formatNumber } from "../format";
import { checkClassifier, classify } from "./classify";
import { classLabels } from "./predict";
import { drawnNumber } from "../../protocol/numbers";
import { paddedRange, sampleRows, steps } from "./sample";

export interface BoundaryOptions {
  /** Grid cells per side the model is evaluated on (default 80, from 10 to 200). */
  grid?: number;
  title?: string;
}

/** While training runs: epochs done of the total. */
type Progress = { done: number; total: number };

const FN = "show.boundary";
export const DEFAULT_GRID = 80;
const GRID_RANGE = [10, 200] as const;
/** Share of the data's span added on each side, so the boundary is seen beyond the outermost points. */
const MARGIN = 0.1;

export function boundaryItems(model: nn.Module, dataset: Dataset, options?: BoundaryOptions, progress?: Progress): OutputItem[] {
  const payload = boundaryPayload(model, dataset, options, progress);
  return [
    viewItem(Mime.boundary, payload),
    { mime: Mime.text, data: boundaryText(payload) },
  ];
}

/** Why `show.boundary` cannot draw `model` on `dataset`, as its error says; undefined when it can. */
export function boundaryProblem(model: unknown, dataset: unknown): string | undefined {
  try {
    checkBoundary(model, dataset);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(`${FN}: `, "") : String(error);
  }
}

function checkBoundary(model: unknown, dataset: unknown): asserts dataset is Dataset {
  checkClassifier(FN, model, dataset);
  const features = (dataset as Dataset).features;
  if (features !== 2) {
    const instead = features === 1 ? "use show.fit for a regression with 1 feature, or show.confusion for a classifier" : "use show.confusion for a classifier with any number of features";
    throw new RangeError(`${FN} needs 2 features; this dataset has ${features}: ${instead}`);
  }
}

export function boundaryPayload(model: nn.Module, dataset: Dataset, options?: BoundaryOptions, progress?: Progress): BoundaryPayload {
  const o = checkOptions(FN, options, { grid: "count", title: "string" });
  const grid = o.grid ?? DEFAULT_GRID;
  if (grid < GRID_RANGE[0] || grid > GRID_RANGE[1]) throw new RangeError(`${FN}: grid must be from ${GRID_RANGE[0]} to ${GRID_RANGE[1]} cells per side, not ${grid}`);
  checkBoundary(model, dataset);
  const { xs, ys, labels, shown, points, gridX, gridY } = layout(dataset, grid);
  const n = dataset.length;
  const cells = new Float32Array(grid * grid * 2);
  gridY.forEach((gy, r) => gridX.forEach((gx, c) => cells.set([gx, gy], 2 * (r * grid + c))));

  const surface = classify(FN, model, new Tensor(cells, [grid * grid, 2]), dataset);
  const rows = classify(FN, model, dataset.x, dataset);
  let wrong = 0;
  for (let i = 0; i < n; i++) if (rows.predicted[i] !== labels[i]) wrong++;
  const accuracy = (n - wrong) / n;
  const names = featureNamesOf(dataset);
  const payload: BoundaryPayload = {
    version: 1,
    title: o.title ?? `Decision boundary${dataset.name ? ` on ${dataset.name}` : ""} · accuracy ${percent(accuracy)}`,
    xLabel: names[0]!,
    yLabel: names[1]!,
    task: dataset.task === "binary" ? "binary" : "multiclass",
    classes: [...dataset.classes],
    output: surface.output,
    gridX,
    gridY,
    // Hundredths: what the hover reads, and finer than the colours show.
    probability: Array.from(surface.probability, (p) => Math.round(p * 100) / 100),
    points: { ...points, predicted: shown.map((i) => rows.predicted[i]) },
    rows: n,
    accuracy,
    misclassified: wrong,
  };
  if (payload.task === "multiclass") payload.predicted = Array.from(surface.predicted);
  if (progress) payload.progress = progress;
  return payload;
}

interface Layout {
  xs: Float32Array;
  ys: Float32Array;
  labels: Int32Array;
  /** The rows drawn, and their coordinates and labels as the payload holds them. */
  shown: number[];
  points: Pick<BoundaryPayload["points"], "x" | "y" | "label">;
  gridX: number[];
  gridY: number[];
}

/** What stays the same from one drawing of a data set to the next (a live view draws it many times). */
const layouts = new WeakMap<Dataset, Map<number, Layout>>();

function layout(dataset: Dataset, grid: number): Layout {
  const known = layouts.get(dataset)?.get(grid);
  if (known && known.xs.length === dataset.length) return known;
  const n = dataset.length, x = dataset.x.data;
  const xs = Float32Array.from({ length: n }, (_, i) => x[2 * i]);
  const ys = Float32Array.from({ length: n }, (_, i) => x[2 * i + 1]);
  const labels = classLabels(dataset);
  const shown = sampleRows(n);
  const made: Layout = {
    xs,
    ys,
    labels,
    shown,
    points: { x: shown.map((i) => drawnNumber(xs[i])), y: shown.map((i) => drawnNumber(ys[i])), label: shown.map((i) => labels[i]) },
    gridX: steps(...paddedRange(xs, MARGIN), grid).map((v) => drawnNumber(v)),
    gridY: steps(...paddedRange(ys, MARGIN), grid).map((v) => drawnNumber(v)),
  };
  if (!layouts.has(dataset)) layouts.set(dataset, new Map());
  layouts.get(dataset)!.set(grid, made);
  return made;
}

function percent(share: number): string {
  return `${formatNumber(share * 100)}%`;
}

/** The text fallback: accuracy, the misclassified points, and what the surface was computed on. */
export function boundaryText(payload: BoundaryPayload): string {
  const { points } = payload;
  const wrong: number[] = [];
  points.label.forEach((l, i) => l !== points.predicted[i] && wrong.length < 10 && wrong.push(i));
  const where = wrong.map((i) => `(${formatNumber(points.x[i])}, ${formatNumber(points.y[i])})`).join(", ");
  const lines = [
    `${payload.title}${payload.progress ? ` (epoch ${payload.progress.done} / ${payload.progress.total})` : ""}`,
    `accuracy ${percent(payload.accuracy)}: ${formatCount(payload.misclassified)} of ${formatCount(payload.rows)} points misclassified${where ? `, e.g. ${where}` : ""}`,
    `classes: ${payload.classes.join(", ")}; ${payload.xLabel} × ${payload.yLabel}`,
    `surface: a ${payload.gridX.length} × ${payload.gridY.length} grid over ${formatNumber(payload.gridX[0])} to ${formatNumber(payload.gridX.at(-1)!)} × ${formatNumber(payload.gridY[0])} to ${formatNumber(payload.gridY.at(-1)!)}${payload.output === "logits" ? " (outputs read as logits)" : ""}`,
  ];
  if (points.x.length < payload.rows) lines.push(`points drawn: ${formatCount(points.x.length)} of ${formatCount(payload.rows)}, evenly spread`);
  return lines.join("\n");
}
