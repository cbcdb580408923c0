import type { PlotPayload } from "../../protocol/chartPayloads";
import type { Figure } from "../plotly/plotView";
import { plotlyText } from "../plotly/plotlyText";
import { chartAxes, HOVER_NUMBER } from "./axes";

/** Lines, a colour each; a legend only when there are several. */
export function plotFigure(payload: PlotPayload): Figure {
  const x = plotlyText(payload.xLabel);
  return (theme) => {
    const layout = chartAxes(theme, payload);
    return {
      data: payload.series.map((s, i) => ({
        type: "scatter",
        mode: "lines",
        name: plotlyText(s.label),
        x: s.x,
        y: s.y,
        line: { color: theme.series[i % theme.series.length], width: 2 },
        hovertemplate: `${x} %{x${HOVER_NUMBER}}<br>${plotlyText(s.label)} %{y${HOVER_NUMBER}}<extra></extra>`,
      })),
      layout: {
        ...layout,
        showlegend: payload.series.length > 1,
        yaxis: { ...layout.yaxis, type: payload.log ? "log" : "linear", exponentformat: payload.log ? "power" : "e" },
      },
    };
  };
}
