import type { ChartPayload } from "../../protocol/chartPayloads";
import type { DrawnView } from "../drawnView";
import { loadPlotly } from "../plotly/loadPlotly";
import { plotView, type Figure } from "../plotly/plotView";
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
export async function renderChart(element: HTMLElement, payload: ChartPayload, signal: AbortSignal): Promise<DrawnView> {
  const Plotly = await loadPlotly();
  // Disposed or drawn again while plotly loaded: the element is no longer this drawing's.
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view";
  const chart = document.createElement("div");
  chart.className = "nnbook-chart";
  view.appendChild(chart);
  element.replaceChildren(view);
  return plotView(Plotly, chart, view, figure(payload));
}
