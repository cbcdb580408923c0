import { viewItem } from "../protocol/payloadMap";
import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";
import { jsonNumber } from "../protocol/payloads";
import type { LossPayload, LossRun, LossSeries } from "../protocol/lossPayload";
import { drawnNumbers } from "../protocol/numbers";
import { decimatedIndices } from "./charts/decimate";
import { checkOptions, describe } from "./charts/options";
import { closestName } from "./closestName";
import { formatNumber } from "./format";

/**
 * What `show.loss` accepts: a list of losses, or a training history (anything with a `loss` list; a
 * `History` also brings its validation loss, metrics, best epoch and early stop).
 */
export type LossSource = readonly number[] | LossHistory;

/** The parts of a `History` the loss view reads. */
export interface LossHistory {
  readonly loss: readonly number[];
  readonly valLoss?: readonly number[];
  readonly metrics?: Readonly<Record<string, readonly number[]>>;
  readonly bestEpoch?: number;
  readonly stoppedEarly?: boolean;
  /** The stop button ended it. */
  readonly interrupted?: boolean;
}

export interface LossOptions {
  /** A label per run, when several runs are compared. */
  labels?: string[];
  /** Log-scale y axis: losses late in training span decades. */
  log?: boolean;
  /** The metric drawn on the second axis ("accuracy", "mae"), or false for none; default every recorded one for one run, none for several. */
  metric?: string | false;
  /** What one x step is: "step" for a hand-written loop, "epoch" for a history. */
  xLabel?: string;
  title?: string;
}

/** What the live training view adds: epochs done of the total while training runs. */
export interface LiveLossOptions extends LossOptions {
  progress?: { done: number; total: number };
}

/**
 * Points per curve a loss chart stores at most: about one per pixel of its width, each stretch's low and high
 * kept, so the line still reaches every pixel row the full curve does.
 */
export const MAX_LOSS_POINTS = 500;

const OPTION_KINDS = { labels: "strings", log: "boolean", metric: "checked", xLabel: "string", title: "string" } as const;

export function lossItems(sources: LossSource | LossSource[], options: LiveLossOptions = {}): OutputItem[] {
  const payload = lossPayload(sources, options);
  return [
    viewItem(Mime.loss, payload),
    { mime: Mime.text, data: lossText(payload) },
  ];
}

/** The options of `show.loss`, each checked: a typo names the option meant. */
export function checkLossOptions(options: LossOptions | undefined): LossOptions {
  const checked = checkOptions("show.loss", options, OPTION_KINDS) as LossOptions;
  const metric: unknown = checked.metric;
  if (metric !== undefined && metric !== false && typeof metric !== "string") {
    throw new TypeError(`show.loss: metric must be a metric's name such as "accuracy", or false for none, not ${describe(metric)}`);
  }
  return checked;
}

export function lossPayload(sources: LossSource | LossSource[], options: LiveLossOptions = {}): LossPayload {
  const runs = isRunList(sources) ? sources : [sources];
  if (runs.length === 0) throw new TypeError("show.loss: give a list of losses or a training history; the list of runs is empty");
  const { progress, ...rest } = options;
  const checked = checkLossOptions(rest);
  if (checked.labels && checked.labels.length !== runs.length) {
    throw new RangeError(`show.loss: ${checked.labels.length} labels for ${runs.length} ${runs.length === 1 ? "run" : "runs"}; give one label per run`);
  }
  const xLabel = checked.xLabel ?? (runs.some(isHistory) ? "epoch" : "step");
  const series: LossSeries[] = [];
  const described: LossRun[] = [];
  const validated = runs.some((run) => isHistory(run) && (run.valLoss?.length ?? 0) > 0);
  runs.forEach((run, i) => {
    const label = checked.labels?.[i] ?? (runs.length > 1 ? `run ${i + 1}` : "");
    // Several runs' metrics on top of their losses are more lines than can be read: asked for by name only.
    const metric = checked.metric ?? (runs.length > 1 ? false : undefined);
    const made = runSeries(run, i, label, xLabel, metric, validated);
    series.push(...made.series);
    described.push(made.run);
  });
  const payload: LossPayload = { version: 2, title: checked.title ?? "Loss", xLabel, yLabel: "loss", log: checked.log ?? false, series, runs: described };
  if (progress) payload.progress = progress;
  return payload;
}

function runSeries(run: LossSource, index: number, label: string, xLabel: string, metric: string | false | undefined, validated: boolean): { series: LossSeries[]; run: LossRun } {
  const history = isHistory(run) ? run : undefined;
  const train = history ? history.loss : (run as readonly number[]);
  checkNumbers(train, "loss");
  const val = history?.valLoss ?? [];
  checkNumbers(val, "valLoss");
  // Where no run has a validation curve, a run has one loss: its label alone names it.
  const series = [curve(label && !validated ? label : join(label, "train"), index, "train", train, history?.bestEpoch)];
  if (val.length > 0) series.push(curve(join(label, "validation"), index, "validation", val, history?.bestEpoch));
  const lines = [describeCurve(history ? "train" : "loss", train, xLabel)];
  if (val.length > 0) lines.push(describeCurve("validation", val, xLabel));

  const described: LossRun = { label, lines };
  if (history?.bestEpoch && history.bestEpoch > 0) {
    const monitored = val.length > 0 ? val : train;
    const y = monitored[history.bestEpoch - 1];
    if (Number.isFinite(y)) described.best = { x: history.bestEpoch, y };
  }
  if (history?.stoppedEarly) {
    described.stoppedEarlyAt = train.length;
    lines.push(`stopped early at epoch ${train.length}: no improvement since epoch ${history.bestEpoch}`);
  }

  if (history?.interrupted) lines.push(`stopped at epoch ${train.length} with the stop button`);

  const metrics = history?.metrics ?? {};
  const names = Object.keys(metrics).filter((name) => !/^val[A-Z]/.test(name) && metrics[name].length > 0);
  if (typeof metric === "string" && !names.includes(metric)) {
    const guess = closestName(metric, names);
    const recorded = names.length > 0 ? `the history has ${names.map((n) => `"${n}"`).join(", ")}` : "the history has no metrics";
    throw new RangeError(`show.loss: no metric "${metric}"${guess ? `; did you mean "${guess}"?` : ""} (${recorded})`);
  }
  const shown = metric === false ? [] : metric === undefined ? names : [metric];
  const finals: string[] = [];
  for (const name of names) {
    const valName = `val${name[0].toUpperCase()}${name.slice(1)}`;
    checkNumbers(metrics[name], `metrics.${name}`);
    const valValues = metrics[valName] ?? [];
    checkNumbers(valValues, `metrics.${valName}`);
    finals.push(`${name} ${metricValue(name, metrics[name].at(-1)!)}`);
    if (valValues.length > 0) finals.push(`validation ${name} ${metricValue(name, valValues.at(-1)!)}`);
    if (!shown.includes(name)) continue;
    series.push({ ...curve(join(label, name), index, "train", metrics[name], history?.bestEpoch), metric: name });
    if (valValues.length > 0) series.push({ ...curve(join(label, `validation ${name}`), index, "validation", valValues, history?.bestEpoch), metric: name });
  }
  if (finals.length > 0) lines.push(`final ${finals.join(", ")}`);
  return { series, run: described };
}

function isHistory(source: LossSource): source is LossHistory {
  return typeof source === "object" && source !== null && !Array.isArray(source) && "loss" in source;
}

function isRunList(sources: LossSource | LossSource[]): sources is LossSource[] {
  return Array.isArray(sources) && (sources.length === 0 || typeof sources[0] !== "number");
}

function checkNumbers(values: readonly number[], what: string): void {
  if (!Array.isArray(values) || values.some((v) => typeof v !== "number")) {
    throw new TypeError(`show.loss: ${what} must be a list of numbers`);
  }
}

function join(run: string, part: string): string {
  return run ? `${run} ${part}` : part;
}

/**
 * One curve as the chart draws it: x left implicit (1, 2, …), each value to the digits the chart needs, and
 * a run longer than `MAX_LOSS_POINTS` thinned to each stretch's lowest and highest, its first, last and
 * lowest value and the `marked` epoch (the best one) kept.
 */
function curve(label: string, run: number, part: LossSeries["part"], values: readonly number[], marked?: number): LossSeries {
  const y = drawnNumbers(values).map(jsonNumber);
  if (values.length <= MAX_LOSS_POINTS) return { label, run, part, y };
  const keep = [lowest(values), ...(marked ? [marked - 1] : [])];
  const kept = decimatedIndices(values, MAX_LOSS_POINTS, keep);
  return { label, run, part, x: kept.map((i) => i + 1), y: kept.map((i) => y[i]) };
}

function lowest(values: readonly number[]): number {
  let best = -1;
  values.forEach((v, i) => {
    if (Number.isFinite(v) && (best < 0 || v < values[best])) best = i;
  });
  return best;
}

/** "validation 0.726 → 0.234, best 0.0893 at epoch 484". */
function describeCurve(name: string, values: readonly number[], xLabel: string): string {
  if (values.length === 0) return `${name}: no values`;
  const best = lowest(values);
  const span = `${name} ${formatNumber(values[0])} → ${formatNumber(values[values.length - 1])}`;
  if (best < 0) return `${span}, no finite value`;
  return best === values.length - 1 ? `${span}, lowest at the last ${xLabel}` : `${span}, best ${formatNumber(values[best])} at ${xLabel} ${best + 1}`;
}

/** Accuracy as a percentage, other metrics as numbers. */
export function metricValue(name: string, v: number): string {
  return /accuracy/i.test(name) && Number.isFinite(v) ? `${Number((v * 100).toFixed(1))}%` : formatNumber(v);
}

/** The text fallback: the title, then what each run's curves say. */
export function lossText(payload: LossPayload): string {
  const progress = payload.progress ? ` (${payload.progress.done} / ${payload.progress.total} ${payload.xLabel}s)` : "";
  const lines = payload.runs.flatMap((run) => (payload.runs.length > 1 ? [`${run.label}:`, ...run.lines.map((l) => `  ${l}`)] : run.lines));
  return `${payload.title}${progress}\n${lines.join("\n")}`;
}
