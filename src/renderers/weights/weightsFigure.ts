import { weightDecimals, type WeightMatrix, type WeightsPayload } from "../../protocol/weightsPayload";
import { divergingScale } from "../palette";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { plotlyText } from "../plotly/plotlyText";
import type { Figure } from "../plotly/plotView";

/** Pixels per shown row, within bounds: a 2-row matrix is not 300 pixels tall, a 96-row one not 1,500. */
const ROW_PX = 14;
const MIN_CELLS_PX = 48;
const MAX_CELLS_PX = 360;
const MARGIN = { t: 28, b: 42 };

/** What restyling a matrix's traces to frame `f` sets: values, changes since the previous frame and hovers. */
export function frameUpdate(payload: WeightsPayload, m: WeightMatrix, f: number) {
  const traces = [frameTrace(payload, m, f, false)];
  if (m.bias) traces.push(frameTrace(payload, m, f, true));
  return {
    z: traces.map((t) => t.z),
    customdata: traces.map((t) => t.customdata),
    hovertemplate: traces.map((t) => t.hovertemplate),
  };
}

function frameTrace(payload: WeightsPayload, m: WeightMatrix, f: number, bias: boolean) {
  const width = bias ? 1 : m.cols.length;
  const values = bias ? m.bias!.frames[f] : m.frames[f];
  const previous = f > 0 ? (bias ? m.bias!.frames[f - 1] : m.frames[f - 1]) : undefined;
  const grid = (v: (i: number) => number) => m.rows.map((_, r) => Array.from({ length: width }, (_, c) => v(r * width + c)));
  const z = grid((i) => values[i]);
  const customdata = grid((i) => (previous ? values[i] - previous[i] : 0));
  const cell = bias ? `${plotlyText(m.bias!.name)}[%{y}]` : `W[%{y}, %{x}]`;
  const where = bias ? "" : "<br>output unit %{y} ← input %{x}";
  const epoch = payload.epochs.length ? `<br>epoch ${payload.epochs[f]}` : "";
  // To the decimals the values are stored with: a change reads as the difference of the two values shown.
  const decimals = `.${weightDecimals(payload.maxAbs)}f`;
  const change = !payload.epochs.length ? "" : previous ? `<br>Δ since epoch ${payload.epochs[f - 1]}: %{customdata:+${decimals}}` : "<br>the first epoch recorded";
  return { z, customdata, hovertemplate: `${cell} = %{z:${decimals}}${where}${epoch}${change}<extra></extra>` };
}

export function plotHeight(m: WeightMatrix): number {
  return MARGIN.t + MARGIN.b + Math.min(MAX_CELLS_PX, Math.max(MIN_CELLS_PX, m.rows.length * ROW_PX));
}

/**
 * One matrix as a heatmap, row 0 (output unit 0) at the top, its bias as a thin strip at the right: every
 * matrix of the view on the one scale ±maxAbs, whose legend the view draws once.
 */
export function matrixFigure(payload: WeightsPayload, m: WeightMatrix, frame: () => number): Figure {
  const strided = m.cols.length < m.shape[1] || m.rows.length < m.shape[0];
  const title = `${m.name} [${m.shape.join(", ")}]${m.bias ? ` and ${m.bias.name}` : ""}${strided ? " (thinned)" : ""}`;
  return (theme) => {
    const axis = themedAxis(theme);
    const f = frameUpdate(payload, m, frame());
    const common = { type: "heatmap" as const, colorscale: divergingScale(theme), zmin: -payload.maxAbs, zmax: payload.maxAbs, zmid: 0, showscale: false };
    const gaps = (n: number) => (n <= 40 ? 1 : 0);
    const data = [
      { ...common, x: m.cols, y: m.rows, z: f.z[0], customdata: f.customdata[0], hovertemplate: f.hovertemplate[0], xgap: gaps(m.cols.length), ygap: gaps(m.rows.length) },
      ...(m.bias ? [{ ...common, x: ["bias"], y: m.rows, z: f.z[1], customdata: f.customdata[1], hovertemplate: f.hovertemplate[1], ygap: gaps(m.rows.length), xaxis: "x2", yaxis: "y" }] : []),
    ];
    const ticks = (n: number) => ({ showgrid: false, zeroline: false, ...(n <= 20 ? { dtick: 1 } : {}) });
    return {
      data: data as never,
      layout: {
        ...chartLayout(theme, { t: MARGIN.t }),
        margin: { l: 60, r: 20, t: MARGIN.t, b: MARGIN.b },
        height: plotHeight(m),
        title: { text: plotlyText(title), font: { size: 13 }, x: 0, xref: "paper", y: 1, yref: "container", yanchor: "top", pad: { t: 6 } },
        showlegend: false,
        xaxis: { ...axis, ...ticks(m.cols.length), domain: m.bias ? [0, 0.9] : [0, 1], title: { text: "input", standoff: 4 } },
        yaxis: { ...axis, ...ticks(m.rows.length), autorange: "reversed" as const, title: { text: "output unit", standoff: 4 } },
        ...(m.bias ? { xaxis2: { ...axis, domain: [0.92, 1], anchor: "y", showgrid: false, zeroline: false, fixedrange: true } } : {}),
      },
    };
  };
}
