import type { ChartPayload } from "../../protocol/chartPayloads";
import type { Figure } from "../plotly/plotView";
import { heatmapFigure } from "./heatmapChart";
import { histFigure } from "./histChart";
import { plotFigure } from "./plotChart";
import { scatterFigure } from "./scatterChart";

/** One of the plain charts: `show.plot`, `scatter`, `hist` or `heatmap`. */
export function chartFigure(payload: ChartPayload): Figure {
  if (payload.kind === "plot") return plotFigure(payload);
  if (payload.kind === "scatter") return scatterFigure(payload);
  if (payload.kind === "hist") return histFigure(payload);
  return heatmapFigure(payload);
}
