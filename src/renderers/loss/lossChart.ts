import { fromJsonNumber, type LossPayload } from "../../protocol/payloads";
import { CHART_CONFIG, chartLayout, themedAxis } from "../plotly/chartLayout";
import { loadPlotly } from "../plotly/loadPlotly";
import { plotlyText } from "../plotly/plotlyText";
import { themeColors } from "../theme";

/** Loss curves on one axis; drawn again in place when the output is replaced during training. */
export async function renderLossChart(element: HTMLElement, payload: LossPayload): Promise<void> {
  const Plotly = await loadPlotly();
  const theme = themeColors();
  let chart = element.querySelector<HTMLDivElement>(".nnbook-chart");
  if (!chart) {
    element.replaceChildren();
    const view = document.createElement("div");
    view.className = "nnbook-view";
    chart = document.createElement("div");
    chart.className = "nnbook-chart";
    view.appendChild(chart);
    element.appendChild(view);
  }
  const traces = payload.series.map((s, i) => ({
    type: "scatter" as const,
    mode: "lines" as const,
    name: plotlyText(s.label),
    x: s.x,
    y: s.y.map(fromJsonNumber),
    line: { color: theme.series[i % theme.series.length], width: 2 },
    hovertemplate: `${plotlyText(payload.xLabel)} %{x}<br>${plotlyText(s.label)} %{y:.4g}<extra></extra>`,
  }));
  const axis = themedAxis(theme);
  // On a log axis spanning decades, label the powers of ten only (plotly adds 2s and 5s otherwise).
  const decades = payload.log ? decadeSpan(traces.flatMap((t) => t.y)) : 0;
  const title = payload.progress ? `${payload.title} (${payload.progress.done} / ${payload.progress.total})` : payload.title;
  await Plotly.react(
    chart,
    traces,
    {
      ...chartLayout(theme, { t: 40 }),
      title: { text: plotlyText(title), font: { size: 14 } },
      showlegend: traces.length > 1,
      xaxis: { ...axis, title: { text: plotlyText(payload.xLabel) } },
      yaxis: {
        ...axis,
        title: { text: plotlyText(payload.yLabel) },
        type: payload.log ? "log" : "linear",
        exponentformat: "e",
        ...(decades >= 2 ? { dtick: 1 } : {}),
      },
    },
    CHART_CONFIG,
  );
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
