import { viewItem } from "../../protocol/payloadMap";
import type { ScatterPayload } from "../../protocol/chartPayloads";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { drawnNumbers } from "../../protocol/numbers";
import { formatNumber } from "../format";
import { checkOptions } from "./options";
import { numbers, sameLength, tooMany, type Values } from "./values";

export interface ScatterOptions {
  /** A value per point: class indices 0, 1, … colour by class (named by `labels`); other values on a colour scale. */
  color?: Values;
  /** Class names, by class index in `color`. */
  labels?: string[];
  xLabel?: string;
  yLabel?: string;
  title?: string;
}

/** Points a scatter sends at most; past this, points hide each other anyway. */
export const MAX_SCATTER_POINTS = 20_000;
/** Whole numbers up to this many distinct values are read as classes. */
const MAX_CLASSES = 20;
const FN = "show.scatter";

export function scatterItems(x: Values, y: Values, options?: ScatterOptions): OutputItem[] {
  const payload = scatterPayload(x, y, options);
  return [
    viewItem(Mime.chart, payload),
    { mime: Mime.text, data: scatterText(payload) },
  ];
}

export function scatterPayload(x: Values, y: Values, options?: ScatterOptions): ScatterPayload {
  const o = checkOptions(FN, options, { color: "values", labels: "strings", xLabel: "string", yLabel: "string", title: "string" });
  const xs = numbers(FN, "x", x);
  const ys = numbers(FN, "y", y);
  sameLength(FN, "y", ys.length, "x", xs.length);
  if (xs.length > MAX_SCATTER_POINTS) throw tooMany(FN, "points", xs.length, MAX_SCATTER_POINTS, "pass a sample of them");
  const payload: ScatterPayload = { version: 1, kind: "scatter", title: o.title ?? "", xLabel: o.xLabel ?? "x", yLabel: o.yLabel ?? "y", x: drawnNumbers(xs), y: drawnNumbers(ys) };
  if (o.color === undefined) {
    if (o.labels) throw new TypeError(`${FN}: labels name the classes in color; pass color too, a class index per point`);
    return payload;
  }
  const color = numbers(FN, "color", o.color);
  sameLength(FN, "color", color.length, "x", xs.length);
  const classes = classCount(color);
  payload.color = classes === undefined ? drawnNumbers(color) : color;
  if (o.labels) {
    if (classes === undefined) throw new TypeError(`${FN}: labels name classes, but color is not class indices 0, 1, …`);
    if (o.labels.length < classes) throw new RangeError(`${FN}: labels has ${o.labels.length} names, and color has classes up to ${classes - 1}; give one name per class`);
    payload.classes = o.labels;
  } else if (classes !== undefined) {
    payload.classes = Array.from({ length: classes }, (_, c) => String(c));
  }
  return payload;
}

/** How many classes `color` holds, if it is class indices (whole numbers from 0, few of them). */
function classCount(color: number[]): number | undefined {
  let max = 0;
  for (const c of color) {
    if (!Number.isInteger(c) || c < 0 || c >= MAX_CLASSES) return undefined;
    max = Math.max(max, c);
  }
  return max + 1;
}

/** The text fallback: how many points, their ranges, and per class how many. */
export function scatterText(payload: ScatterPayload): string {
  const range = (v: number[]) => {
    let [min, max] = [Infinity, -Infinity];
    for (const a of v) [min, max] = [Math.min(min, a), Math.max(max, a)];
    return v.length ? `${formatNumber(min)} to ${formatNumber(max)}` : "none";
  };
  const lines = [`${payload.title || "Scatter"}: ${payload.x.length.toLocaleString("en-US")} points`, `${payload.xLabel}: ${range(payload.x)}`, `${payload.yLabel}: ${range(payload.y)}`];
  const { classes, color } = payload;
  if (classes && color) lines.push(classes.map((name, c) => `${name} ${color.filter((v) => v === c).length}`).join(", "));
  else if (color) lines.push(`colour: ${range(color)}`);
  return lines.join("\n");
}
