import type { ChartPayload } from "../../protocol/chartPayloads";
import type { DrawnView } from "../drawnView";
import { drawChart, type Figure } from "../plotly/plotView";
import { heatmapFigure } from "./heatmapChart";
import { histFigure } from "./histChart";
import { plotFigure } from "./plotChart";
import { scatterFigure } from "./scatterChart";

function figure(payload: ChartPayload): Figure {
  if (payload.kind === "plot") return plotFigure(payload);
  if (payload.kind === "scatter") return scatterFigure(payload);
  if (payload.kind === "hist") return histFigure(payload);
  return heatmapFigure(payload);
}

/** One of the plain charts: `show.plot`, `scatter`, `hist` or `heatmap`. */
export function renderChart(element: HTMLElement, payload: ChartPayload, signal: AbortSignal): Promise<DrawnView> {
  return drawChart(element, signal, figure(payload));
}
