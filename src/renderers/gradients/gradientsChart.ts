import type { GradientsPayload } from "../../protocol/gradientsPayload";
import { fromJsonNumber } from "../../protocol/payloads";
import { HOVER_NUMBER } from "../chart/axes";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { decadeStep } from "../plotly/logTicks";
import { loadPlotly } from "../plotly/loadPlotly";
import { plotlyText } from "../plotly/plotlyText";
import { plotView, type Figure } from "../plotly/plotView";
import type { DrawnView } from "../drawnView";
import { layerColours } from "./layerColours";

/**
 * Gradient flow on one log axis, two panels: on the left each layer's mean |∂L/∂W| (solid) and max (dashed)
 * over the recorded epochs, "over training"; on the right the same at the last epoch with the layers in order,
 * input left to output right, "per layer", where a gradient that fades towards the input is seen at a glance.
 * The verdict is a sentence under the chart.
 */
export async function renderGradients(element: HTMLElement, payload: GradientsPayload, signal: AbortSignal): Promise<DrawnView> {
  const Plotly = await loadPlotly();
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view nnbook-gradients";
  const chart = document.createElement("div");
  chart.className = "nnbook-chart nnbook-gradients-chart";
  const verdict = document.createElement("p");
  verdict.className = `nnbook-verdict${payload.flags.length ? " nnbook-flagged" : ""}`;
  verdict.textContent = payload.verdict;
  view.append(chart, verdict);
  element.replaceChildren(view);
  return plotView(Plotly, chart, view, gradientsFigure(payload));
}

function gradientsFigure(payload: GradientsPayload): Figure {
  const last = payload.epochs.length - 1;
  // Zero and non-finite values have no place on a log axis: gaps.
  const positive = (values: (number | string)[]) => values.map((v) => { const n = fromJsonNumber(v); return n > 0 && Number.isFinite(n) ? n : null; });
  const layers = payload.layers.map((l) => ({ ...l, mean: positive(l.mean), max: positive(l.max), flag: payload.flags.find((f) => f.layer === l.layer)?.kind }));
  const decades = span(layers.flatMap((l) => [...l.mean, ...l.max]));
  const names = layers.map((l) => `layer ${l.layer}`);
  return (theme) => {
    const colours = layerColours(theme, layers.length);
    const axis = themedAxis(theme);
    const overTraining = layers.flatMap((l, i) => [
      {
        type: "scatter" as const,
        mode: "lines" as const,
        name: plotlyText(`${names[i]}${l.flag ? ` (${l.flag})` : ""}`),
        legendgroup: String(i),
        x: payload.epochs,
        y: l.mean,
        line: { color: colours[i], width: 2 },
        hovertemplate: `${plotlyText(l.name)}<br>epoch %{x}<br>mean |∂L/∂W| %{y${HOVER_NUMBER}}<extra></extra>`,
      },
      {
        type: "scatter" as const,
        mode: "lines" as const,
        name: plotlyText(`${names[i]} max`),
        legendgroup: String(i),
        showlegend: false,
        x: payload.epochs,
        y: l.max,
        line: { color: colours[i], width: 1, dash: "dash" as const },
        opacity: 0.7,
        hovertemplate: `${plotlyText(l.name)}<br>epoch %{x}<br>max |∂L/∂W| %{y${HOVER_NUMBER}}<extra></extra>`,
      },
    ]);
    const perLayer = [
      {
        type: "scatter" as const,
        mode: "lines+markers" as const,
        name: "mean, last epoch",
        showlegend: false,
        x: layers.map((l) => l.layer),
        y: layers.map((l) => l.mean[last]),
        line: { color: theme.foreground, width: 1 },
        marker: { color: colours, size: 9, line: { color: layers.map((l) => (l.flag ? theme.negative : theme.foreground)), width: layers.map((l) => (l.flag ? 3 : 1)) } },
        xaxis: "x2",
        hovertemplate: `layer %{x}<br>epoch ${payload.epochs[last]}<br>mean |∂L/∂W| %{y${HOVER_NUMBER}}<extra></extra>`,
      },
      {
        type: "scatter" as const,
        mode: "lines" as const,
        name: "max, last epoch",
        showlegend: false,
        x: layers.map((l) => l.layer),
        y: layers.map((l) => l.max[last]),
        line: { color: theme.foreground, width: 1, dash: "dash" as const },
        xaxis: "x2",
        hovertemplate: `layer %{x}<br>epoch ${payload.epochs[last]}<br>max |∂L/∂W| %{y${HOVER_NUMBER}}<extra></extra>`,
      },
    ];
    return {
      data: [...overTraining, ...perLayer],
      layout: {
        ...chartLayout(theme, { t: 40 }),
        margin: { l: 70, r: 20, t: 40, b: 60 },
        title: { text: plotlyText(payload.title), font: { size: 14 } },
        showlegend: layers.length > 1,
        legend: { orientation: "h" as const, x: 0, y: -0.2, yanchor: "top" as const, font: { size: 11 } },
        xaxis: { ...axis, domain: [0, 0.6], title: { text: "epoch" } },
        xaxis2: { ...axis, domain: [0.7, 1], anchor: "y" as const, type: "category" as const, tickangle: 0, title: { text: `layer, input → output (epoch ${payload.epochs[last]})`, font: { size: 12 } } },
        yaxis: {
          ...axis,
          type: "log" as const,
          exponentformat: "power" as const,
          title: { text: "|∂L/∂W|: mean solid, max dashed" },
          ...(decades >= 2 ? { dtick: decadeStep(decades) } : {}),
        },
      },
    };
  };
}

/** Decades between the smallest and largest value. */
function span(values: (number | null)[]): number {
  let [min, max] = [Infinity, 0];
  for (const v of values) if (v !== null) [min, max] = [Math.min(min, v), Math.max(max, v)];
  return max > 0 ? Math.log10(max) - Math.log10(min) : 0;
}
