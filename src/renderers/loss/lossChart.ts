import type { Data, Layout } from "plotly.js";
import { fromJsonNumber } from "../../protocol/payloads";
import { lossX, type LossPayload, type LossSeries } from "../../protocol/lossPayload";
import type { ThemeColors } from "../theme";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { plotlyText } from "../plotly/plotlyText";
import { decadeStep } from "../plotly/logTicks";
import type { Figure } from "../plotly/plotView";

/** What the curves say, written under them: each run's sentences, prefixed by its label when there are several. */
export function lossNotes(payload: LossPayload): string[] {
  return payload.runs.flatMap((run) => run.lines.map((line) => (payload.runs.length > 1 ? `${run.label}: ${line}` : line)));
}

/**
 * Loss curves: one colour per run, training solid and validation dashed, metrics on their own axis at the
 * right, the best epoch and an early stop marked. A live chart's updates are plotted into the same chart.
 */
export function lossFigure(payload: LossPayload): Figure {
  const ys = payload.series.map((s) => s.y.map(fromJsonNumber));
  const lossValues = payload.series.flatMap((s, i) => (s.metric === undefined ? ys[i] : []));
  // On a log axis spanning decades, label powers of ten only (plotly adds 2s and 5s otherwise), at most about ten.
  const decades = payload.log ? decadeSpan(lossValues) : 0;
  const metrics = [...new Set(payload.series.flatMap((s) => (s.metric === undefined ? [] : [s.metric])))];
  const fractions = metrics.length > 0 && metrics.every((m) => /accuracy/i.test(m));
  const title = payload.progress ? `${payload.title} (${payload.progress.done} / ${payload.progress.total})` : payload.title;
  const runs = Math.max(1, ...payload.series.map((s) => s.run + 1));
  return (theme) => {
    const axis = themedAxis(theme);
    const data: Data[] = payload.series.map((s, i) => curve(s, ys[i], colour(theme, s, runs, metrics), payload.xLabel, fractions));
    for (const run of payload.runs.filter((r) => r.best)) {
      const index = payload.runs.indexOf(run);
      data.push({
        type: "scatter",
        mode: "markers",
        name: plotlyText(run.label ? `${run.label} best` : "best"),
        showlegend: false,
        x: [run.best!.x],
        y: [run.best!.y],
        marker: { symbol: "star", size: 12, color: theme.series[index % theme.series.length], line: { color: theme.background, width: 1 } },
        hovertemplate: `best ${plotlyText(payload.xLabel)} %{x}<br>loss %{y:.3g}<extra></extra>`,
      });
    }
    const stops = payload.runs.filter((r) => r.stoppedEarlyAt !== undefined);
    const layout: Partial<Layout> = {
      ...chartLayout(theme, { t: 40 }),
      title: { text: plotlyText(title), font: { size: 14 } },
      showlegend: payload.series.length > 1,
      legend: { orientation: "h", x: 0, y: -0.24, yanchor: "top", bgcolor: "rgba(0,0,0,0)" },
      xaxis: { ...axis, title: { text: plotlyText(payload.xLabel) } },
      yaxis: {
        ...axis,
        title: { text: plotlyText(payload.yLabel) },
        type: payload.log ? "log" : "linear",
        exponentformat: "power",
        ...(decades >= 2 ? { dtick: decadeStep(decades) } : {}),
      },
      shapes: stops.map((r) => ({ type: "line", xref: "x", yref: "paper", x0: r.stoppedEarlyAt, x1: r.stoppedEarlyAt, y0: 0, y1: 1, line: { color: theme.foreground, width: 1, dash: "dot" } })),
      annotations: stops.map((r) => ({ xref: "x", yref: "paper", x: r.stoppedEarlyAt, y: 1, yanchor: "bottom", xanchor: "right", showarrow: false, text: "stopped early", font: { size: 11, color: theme.foreground } })),
    };
    if (metrics.length > 0) {
      layout.yaxis2 = {
        ...axis,
        overlaying: "y",
        side: "right",
        showgrid: false,
        title: { text: plotlyText(metrics.length === 1 ? metrics[0] : "metric") },
        ...(fractions ? { range: [0, 1.02], tickformat: ".0%" } : {}),
      };
      layout.margin = { ...layout.margin, r: 60 };
    }
    if (payload.series.length > 1) layout.margin = { ...layout.margin, b: 90 };
    return { data, layout };
  };
}

function curve(s: LossSeries, y: number[], color: string, xLabel: string, fractions: boolean): Data {
  const value = s.metric !== undefined && fractions ? "%{y:.1%}" : "%{y:.3g}";
  return {
    type: "scatter",
    mode: "lines",
    name: plotlyText(s.label),
    x: lossX(s),
    y,
    yaxis: s.metric === undefined ? "y" : "y2",
    line: { color, width: s.metric === undefined ? 2 : 1.5, dash: s.part === "validation" ? "dash" : "solid" },
    opacity: s.metric === undefined ? 1 : 0.8,
    hovertemplate: `${plotlyText(xLabel)} %{x}<br>${plotlyText(s.label)} ${value}<extra></extra>`,
  };
}

/** A run's colour for its losses; with one run, each metric takes the next colour so it is told from the loss. */
function colour(theme: ThemeColors, s: LossSeries, runs: number, metrics: string[]): string {
  const index = s.metric === undefined || runs > 1 ? s.run : 1 + metrics.indexOf(s.metric);
  return theme.series[index % theme.series.length];
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
