import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";
import { jsonNumber, type LossPayload, type LossSeries } from "../protocol/payloads";
import { formatNumber } from "./format";

/** What `show.loss` accepts: a list of losses, or anything with a `loss` list (a training history). */
export type LossSource = readonly number[] | { readonly loss: readonly number[]; readonly valLoss?: readonly number[] };

export interface LossOptions {
  /** A label per run, when several runs are compared. */
  labels?: string[];
  /** Log-scale y axis: losses late in training span decades. */
  log?: boolean;
  /** What one x step is: "step" for a hand-written loop, "epoch" for a history. */
  xLabel?: string;
  title?: string;
  /** While training runs: epochs done of the total. */
  progress?: { done: number; total: number };
}

export function lossItems(sources: LossSource | LossSource[], options: LossOptions = {}): OutputItem[] {
  const payload = lossPayload(sources, options);
  return [
    { mime: Mime.loss, data: payload },
    { mime: Mime.text, data: lossText(payload) },
  ];
}

export function lossPayload(sources: LossSource | LossSource[], options: LossOptions = {}): LossPayload {
  const runs = isRunList(sources) ? sources : [sources];
  const series: LossSeries[] = [];
  runs.forEach((run, i) => {
    const name = options.labels?.[i] ?? (runs.length > 1 ? `run ${i + 1}` : "");
    const train = "loss" in run ? run.loss : (run as readonly number[]);
    checkNumbers(train, "loss");
    series.push(curve(join(name, "train"), train));
    const val = "loss" in run ? run.valLoss : undefined;
    if (val && val.length > 0) {
      checkNumbers(val, "valLoss");
      series.push(curve(join(name, "validation"), val));
    }
  });
  const xLabel = options.xLabel ?? (runs.some((r) => "loss" in r) ? "epoch" : "step");
  const payload: LossPayload = { version: 1, title: options.title ?? "Loss", xLabel, yLabel: "loss", log: options.log ?? false, series };
  if (options.progress) payload.progress = options.progress;
  return payload;
}

function isRunList(sources: LossSource | LossSource[]): sources is LossSource[] {
  return Array.isArray(sources) && sources.length > 0 && typeof sources[0] !== "number";
}

function checkNumbers(values: readonly number[], what: string): void {
  if (!Array.isArray(values) || values.some((v) => typeof v !== "number")) {
    throw new TypeError(`show.loss: ${what} must be a list of numbers`);
  }
}

function join(run: string, part: string): string {
  return run ? `${run} ${part}` : part;
}

function curve(label: string, values: readonly number[]): LossSeries {
  return { label, x: values.map((_, i) => i + 1), y: values.map(jsonNumber) };
}

/** The text fallback: first, best and last value of each curve. */
export function lossText(payload: LossPayload): string {
  const lines = payload.series.map((s) => {
    const ys = s.y.map(Number);
    if (ys.length === 0) return `${s.label}: no values`;
    let best = 0;
    ys.forEach((v, i) => {
      if (v < ys[best]) best = i;
    });
    const last = ys.length - 1;
    return `${s.label}: ${formatNumber(ys[0])} → ${formatNumber(ys[last])} over ${ys.length} ${payload.xLabel}s (best ${formatNumber(ys[best])} at ${payload.xLabel} ${s.x[best]})`;
  });
  const progress = payload.progress ? ` (${payload.progress.done} / ${payload.progress.total} ${payload.xLabel}s)` : "";
  return `${payload.title}${progress}\n${lines.join("\n")}`;
}
