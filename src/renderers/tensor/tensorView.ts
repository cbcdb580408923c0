import type { TensorPayload } from "../../protocol/payloads";
import { heatmapFigure } from "../chart/heatmapChart";
import type { DrawnView } from "../drawnView";
import { drawChart } from "../plotly/plotView";
import { formatNumber } from "../../protocol/numbers";
import { renderMatrix } from "./matrixView";

/** A tensor: its numbers when they can be read, else a heatmap of them with its statistics under it. */
export function renderTensor(element: HTMLElement, payload: TensorPayload, signal: AbortSignal): DrawnView | Promise<DrawnView> {
  const heatmap = payload.heatmap;
  if (!heatmap) return renderMatrix(element, payload);
  const shape = payload.shape;
  const slice = shape.length > 2 ? ` [${[...shape.slice(0, -2).map(() => "0"), ":", ":"].join(", ")}]` : "";
  const title = `Tensor [${shape.join(", ")}]${slice}${payload.requiresGrad ? " · requires grad" : ""}`;
  const notes: string[] = [];
  if (payload.summary) {
    const { min, mean, max } = payload.summary;
    notes.push(`float32 · min ${formatNumber(min)}, mean ${formatNumber(mean)}, max ${formatNumber(max)}`);
  }
  if (heatmap.pooled) {
    const { rows, cols, block } = heatmap.pooled;
    notes.push(`each cell is the mean of a ${block[0]} × ${block[1]} block: ${rows} × ${cols} drawn as ${heatmap.rows} × ${heatmap.cols}`);
  }
  if (payload.nonFinite) {
    const { count, first } = payload.nonFinite;
    notes.push(`${count} NaN or infinite ${count === 1 ? "value" : "values"}, the first at [${first.join(", ")}]; drawn as 0`);
  }
  const yLabel = shape.length >= 2 ? heatmap.yLabel : "";
  return drawChart(element, signal, heatmapFigure({ ...heatmap, title, yLabel }), { notes });
}
