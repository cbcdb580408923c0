import type { FitPayload } from "../../protocol/fitPayload";
import { HOVER_NUMBER } from "../chart/axes";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { plotlyText } from "../plotly/plotlyText";
import type { Figure } from "../plotly/plotView";

/** A regression's data points and the model's curve through them. */
export function fitFigure(payload: FitPayload): Figure {
  const x = plotlyText(payload.xLabel), y = plotlyText(payload.yLabel);
  const title = payload.progress ? `${payload.title} (epoch ${payload.progress.done} / ${payload.progress.total})` : payload.title;
  return (theme) => {
    const axis = themedAxis(theme);
    return {
      data: [
        {
          type: "scatter",
          mode: "markers",
          name: "data",
          x: payload.points.x,
          y: payload.points.y,
          marker: { size: 5, opacity: 0.7, color: theme.series[0] },
          hovertemplate: `${x} %{x${HOVER_NUMBER}}<br>${y} %{y${HOVER_NUMBER}}<extra>data</extra>`,
        },
        {
          type: "scatter",
          mode: "lines",
          name: "model",
          x: payload.curve.x,
          y: payload.curve.y,
          line: { color: theme.series[1], width: 2.5 },
          hovertemplate: `${x} %{x${HOVER_NUMBER}}<br>model %{y${HOVER_NUMBER}}<extra></extra>`,
        },
      ],
      layout: {
        ...chartLayout(theme, { t: 40 }),
        title: { text: plotlyText(title), font: { size: 14 } },
        showlegend: true,
        xaxis: { ...axis, title: { text: x } },
        yaxis: { ...axis, title: { text: y } },
      },
    };
  };
}
