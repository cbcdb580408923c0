import { fromJsonNumber, type LossPayload } from "../../protocol/payloads";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { plotlyText } from "../plotly/plotlyText";
import type { Figure } from "../plotly/plotView";

/** Loss curves on one axis. A live chart's updates are plotted into the same chart. */
export function lossFigure(payload: LossPayload): Figure {
  const ys = payload.series.map((s) => s.y.map(fromJsonNumber));
  // On a log axis spanning decades, label the powers of ten only (plotly adds 2s and 5s otherwise).
  const decades = payload.log ? decadeSpan(ys.flat()) : 0;
  const title = payload.progress ? `${payload.title} (${payload.progress.done} / ${payload.progress.total})` : payload.title;
  return (theme) => {
    const axis = themedAxis(theme);
    return {
      data: payload.series.map((s, i) => ({
        type: "scatter",
        mode: "lines",
        name: plotlyText(s.label),
        x: s.x,
        y: ys[i],
        line: { color: theme.series[i % theme.series.length], width: 2 },
        hovertemplate: `${plotlyText(payload.xLabel)} %{x}<br>${plotlyText(s.label)} %{y:.4g}<extra></extra>`,
      })),
      layout: {
        ...chartLayout(theme, { t: 40 }),
        title: { text: plotlyText(title), font: { size: 14 } },
        showlegend: payload.series.length > 1,
        xaxis: { ...axis, title: { text: plotlyText(payload.xLabel) } },
        yaxis: {
          ...axis,
          title: { text: plotlyText(payload.yLabel) },
          type: payload.log ? "log" : "linear",
          exponentformat: "e",
          ...(decades >= 2 ? { dtick: 1 } : {}),
        },
      },
    };
  };
}

function decadeSpan(values: number[]): number {
  // A loop, not Math.max(...values): spreading a long run's values overflows the stack.
  let min = Infinity;
  let max = 0;
  for (const v of values) {
    if (!(v > 0 && Number.isFinite(v))) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return max > 0 ? Math.log10(max) - Math.log10(min) : 0;
}
