import { fromJsonNumber, type ActivationPayload } from "../../protocol/payloads";
import type { DrawnView } from "../drawnView";
import { loadTypeset } from "../math/typeset";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { loadPlotly } from "../plotly/loadPlotly";
import { plotlyText } from "../plotly/plotlyText";
import { plotView, type Figure } from "../plotly/plotView";

/** An activation and its derivative on one chart, their formulas typeset beside it. */
export async function renderActivation(element: HTMLElement, payload: ActivationPayload, signal: AbortSignal): Promise<DrawnView> {
  // Both load before anything is drawn: a drawing cancelled meanwhile has drawn nothing.
  const [Plotly, typeset] = await Promise.all([loadPlotly(), loadTypeset()]);
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view nnbook-activation";
  const chart = document.createElement("div");
  chart.className = "nnbook-chart";
  const formulas = document.createElement("div");
  formulas.className = "nnbook-formulas";
  for (const tex of [payload.tex, payload.derivativeTex]) {
    const line = document.createElement("div");
    typeset(line, tex, true);
    formulas.appendChild(line);
  }
  view.append(chart, formulas);
  element.replaceChildren(view);
  return plotView(Plotly, chart, view, activationFigure(payload));
}

function activationFigure(payload: ActivationPayload): Figure {
  const curves = [
    { name: "a", y: payload.y.map(fromJsonNumber), dash: "solid" as const },
    { name: "da/dz", y: payload.dy.map(fromJsonNumber), dash: "dash" as const },
  ];
  return (theme) => {
    const axis = themedAxis(theme);
    return {
      data: curves.map((c, i) => ({
        type: "scatter",
        mode: "lines",
        name: c.name,
        x: payload.x,
        y: c.y,
        // Not simplified: plotly would merge the points of a curve into visible corners.
        line: { color: theme.series[i], width: 2, dash: c.dash, simplify: false },
        hovertemplate: `z %{x:.3g}<br>${c.name} %{y:.3g}<extra></extra>`,
      })),
      layout: {
        ...chartLayout(theme, { t: 40 }),
        title: { text: `${plotlyText(payload.title)} and its derivative`, font: { size: 14 } },
        // Top left is empty for every one of these functions.
        legend: { x: 0.02, y: 0.98, bgcolor: "rgba(0,0,0,0)" },
        xaxis: { ...axis, title: { text: "z" } },
        yaxis: { ...axis },
      },
    };
  };
}
