import type { ChartPayload, HeatmapPayload, HistPayload, PlotPayload, ScatterPayload } from "../chartPayloads";
import { PayloadError, array, at, boolean, count, finite, object, oneOf, string, version, type Fields } from "./check";

const KINDS = ["plot", "scatter", "hist", "heatmap"] as const;

export function readChart(value: unknown): ChartPayload {
  const p = object(value, "");
  version(p, "chart", 1);
  const base = { version: 1 as const, title: string(p.title, "title"), xLabel: string(p.xLabel, "xLabel"), yLabel: string(p.yLabel, "yLabel") };
  const kind = oneOf(p.kind, "kind", KINDS);
  if (kind === "plot") return { ...base, kind, ...plot(p) };
  if (kind === "scatter") return { ...base, kind, ...scatter(p) };
  if (kind === "hist") return { ...base, kind, ...hist(p) };
  return { ...base, kind, ...heatmap(p) };
}

function plot(p: Fields): Pick<PlotPayload, "log" | "series" | "points"> {
  const series = array(p.series, "series", (item, path) => {
    const s = object(item, path);
    const x = array(s.x, at(path, "x"), finite);
    const y = array(s.y, at(path, "y"), finite);
    sameLength(at(path, "y"), y, at(path, "x"), x.length);
    return { label: string(s.label, at(path, "label")), x, y };
  });
  return { log: boolean(p.log, "log"), series, points: count(p.points, "points") };
}

function scatter(p: Fields): Pick<ScatterPayload, "x" | "y" | "color" | "classes"> {
  const x = array(p.x, "x", finite);
  const y = array(p.y, "y", finite);
  sameLength("y", y, "x", x.length);
  const out: Pick<ScatterPayload, "x" | "y" | "color" | "classes"> = { x, y };
  if (p.color !== undefined) {
    out.color = array(p.color, "color", finite);
    sameLength("color", out.color, "x", x.length);
  }
  if (p.classes !== undefined) {
    const classes = array(p.classes, "classes", string);
    // Class indices, each naming one of the classes.
    out.color?.forEach((c, i) => {
      if (!Number.isInteger(c) || c < 0 || c >= classes.length) throw new PayloadError(`color[${i}] must be a class index below ${classes.length}, not ${c}`);
    });
    out.classes = classes;
  }
  return out;
}

function hist(p: Fields): Pick<HistPayload, "edges" | "counts"> {
  const counts = array(p.counts, "counts", count);
  const edges = array(p.edges, "edges", finite);
  sameLength("edges", edges, "counts + 1", counts.length + 1);
  return { edges, counts };
}

type HeatmapFields = Pick<HeatmapPayload, "rows" | "cols" | "z" | "signed" | "pooled">;

function heatmap(p: Fields): HeatmapFields {
  const rows = count(p.rows, "rows");
  const cols = count(p.cols, "cols");
  const z = array(p.z, "z", finite);
  sameLength("z", z, "rows × cols", rows * cols);
  const out: HeatmapFields = { rows, cols, z, signed: boolean(p.signed, "signed") };
  if (p.pooled !== undefined) {
    const pooled = object(p.pooled, "pooled");
    const block = array(pooled.block, "pooled.block", count);
    if (block.length !== 2 || block.some((b) => b < 1)) throw new PayloadError(`pooled.block must be two whole numbers from 1 (rows, columns), not [${block.join(", ")}]`);
    out.pooled = { rows: count(pooled.rows, "pooled.rows"), cols: count(pooled.cols, "pooled.cols"), block: [block[0], block[1]] };
  }
  return out;
}

function sameLength(path: string, values: unknown[], other: string, length: number): void {
  if (values.length !== length) throw new PayloadError(`${path} must have ${other} values (${length}), not ${values.length}`);
}
