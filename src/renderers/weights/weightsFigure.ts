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
  if (m.kernel) return kernelTrace(payload, m, f, bias);
  const width = bias ? 1 : m.cols.length;
  const values = bias ? m.bias!.frames[f] : m.frames[f];
  const previous = f > 0 ? (bias ? m.bias!.frames[f - 1] : m.frames[f - 1]) : undefined;
  const grid = (v: (i: number) => number) => m.rows.map((_, r) => Array.from({ length: width }, (_, c) => v(r * width + c)));
  const z = grid((i) => values[i]);
  const customdata = grid((i) => (previous ? values[i] - previous[i] : 0));
  const cell = bias ? `${plotlyText(m.bias!.name)}[%{y}]` : `W[%{y}, %{x}]`;
  const where = bias ? "" : "<br>output unit %{y} ← input %{x}";
  const decimals = `.${weightDecimals(payload.maxAbs)}f`;
  return { z, customdata, hovertemplate: `${cell} = %{z:${decimals}}${where}${hoverTail(payload, f, "customdata")}` };
}

/** The epoch, and the change since the previous frame shown, as a hover's last lines; `delta` is where the change is. */
function hoverTail(payload: WeightsPayload, f: number, delta: string): string {
  const epoch = payload.epochs.length ? `<br>epoch ${payload.epochs[f]}` : "";
  // To the decimals the values are stored with: a change reads as the difference of the two values shown.
  const decimals = `.${weightDecimals(payload.maxAbs)}f`;
  const change = !payload.epochs.length ? "" : f > 0 ? `<br>Δ since epoch ${payload.epochs[f - 1]}: %{${delta}:+${decimals}}` : "<br>the first epoch recorded";
  return `${epoch}${change}<extra></extra>`;
}

/**
 * A convolution's kernels as one heatmap of small images: a block of kH × kW cells per (output channel, input
 * channel) shown, blocks one empty cell apart; its bias as a strip beside each output channel's row of kernels.
 * Each cell's customdata is [Δ since the previous frame, output channel, input channel, ky, kx].
 */
function kernelTrace(payload: WeightsPayload, m: WeightMatrix, f: number, bias: boolean) {
  const { size: [kh, kw] } = m.kernel!, taps = kh * kw, shownChannels = m.cols.length / taps;
  const values = bias ? m.bias!.frames[f] : m.frames[f];
  const previous = f > 0 ? (bias ? m.bias!.frames[f - 1] : m.frames[f - 1]) : undefined;
  const height = m.rows.length * (kh + 1) - 1, width = bias ? 1 : shownChannels * (kw + 1) - 1;
  const z: (number | null)[][] = [], customdata: (number[] | null)[][] = [];
  for (let gy = 0; gy < height; gy++) {
    const r = Math.floor(gy / (kh + 1)), ky = gy % (kh + 1);
    const zRow: (number | null)[] = [], cRow: (number[] | null)[] = [];
    for (let gx = 0; gx < width; gx++) {
      const c = Math.floor(gx / (kw + 1)), kx = gx % (kw + 1);
      if (ky === kh || kx === kw) {
        zRow.push(null);
        cRow.push(null);
        continue;
      }
      const i = bias ? r : r * m.cols.length + c * taps + ky * kw + kx;
      zRow.push(values[i]);
      cRow.push([previous ? values[i] - previous[i] : 0, m.rows[r], bias ? 0 : Math.floor(m.cols[c * taps] / taps), ky, kx]);
    }
    z.push(zRow);
    customdata.push(cRow);
  }
  const decimals = `.${weightDecimals(payload.maxAbs)}f`;
  const cell = bias ? `${plotlyText(m.bias!.name)}[%{customdata[1]}]` : "W[%{customdata[1]}, %{customdata[2]}, %{customdata[3]}, %{customdata[4]}]";
  const where = bias ? "" : "<br>output channel %{customdata[1]} ← input channel %{customdata[2]}";
  return { z, customdata, hovertemplate: `${cell} = %{z:${decimals}}${where}${hoverTail(payload, f, "customdata[0]")}` };
}

/** Pixels per kernel cell: a 3×3 kernel is a small image of its own, not a dot. */
const KERNEL_CELL_PX = 14;

export function plotHeight(m: WeightMatrix): number {
  if (m.kernel) return MARGIN.t + MARGIN.b + Math.min(720, Math.max(MIN_CELLS_PX, (m.rows.length * (m.kernel.size[0] + 1) - 1) * KERNEL_CELL_PX));
  return MARGIN.t + MARGIN.b + Math.min(MAX_CELLS_PX, Math.max(MIN_CELLS_PX, m.rows.length * ROW_PX));
}

/**
 * One matrix as a heatmap, row 0 (output unit 0) at the top, its bias as a thin strip at the right: every
 * matrix of the view on the one scale ±maxAbs, whose legend the view draws once.
 */
export function matrixFigure(payload: WeightsPayload, m: WeightMatrix, frame: () => number): Figure {
  if (m.kernel) return kernelFigure(payload, m, frame);
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

/**
 * A convolution's kernels as a grid of small images (rows: output channels, columns: input channels), each
 * kernel's row 0 at its top, on the view's one scale; the bias as a strip at the right.
 */
function kernelFigure(payload: WeightsPayload, m: WeightMatrix, frame: () => number): Figure {
  const { channels, size: [kh, kw] } = m.kernel!, taps = kh * kw;
  const shown = m.cols.filter((_, i) => i % taps === 0).map((c) => c / taps);
  const strided = shown.length < channels || m.rows.length < m.shape[0];
  const title = `${m.name} [${m.shape[0]}, ${channels}, ${kh}, ${kw}]${m.bias ? ` and ${m.bias.name}` : ""}${strided ? " (thinned)" : ""}`;
  // Square cells, so that a 3×3 kernel reads as a small image: the grid's pixels set the plot's width, the
  // bias one cell wide half a cell to its right, and the margin wide enough for the title.
  const gridHeight = m.rows.length * (kh + 1) - 1, gridWidth = shown.length * (kw + 1) - 1;
  const cell = (plotHeight(m) - MARGIN.t - MARGIN.b) / gridHeight;
  const gridPx = gridWidth * cell, biasPx = m.bias ? cell : 0, gapPx = m.bias ? cell / 2 : 0, area = gridPx + gapPx + biasPx;
  const margin = { l: 60, r: Math.max(20, 300 - 60 - area), t: MARGIN.t, b: MARGIN.b };
  return (theme) => {
    const axis = themedAxis(theme);
    const f = frameUpdate(payload, m, frame());
    const common = { type: "heatmap" as const, colorscale: divergingScale(theme), zmin: -payload.maxAbs, zmax: payload.maxAbs, zmid: 0, showscale: false, hoverongaps: false };
    const centres = (count: number, k: number) => Array.from({ length: count }, (_, i) => i * (k + 1) + (k - 1) / 2);
    const data = [
      { ...common, z: f.z[0], customdata: f.customdata[0], hovertemplate: f.hovertemplate[0] },
      ...(m.bias ? [{ ...common, z: f.z[1], customdata: f.customdata[1], hovertemplate: f.hovertemplate[1], xaxis: "x2", yaxis: "y" }] : []),
    ];
    return {
      data: data as never,
      layout: {
        ...chartLayout(theme, { t: MARGIN.t }),
        margin,
        height: plotHeight(m),
        width: margin.l + margin.r + area,
        title: { text: plotlyText(title), font: { size: 13 }, x: 0, xref: "paper", y: 1, yref: "container", yanchor: "top", pad: { t: 6 } },
        showlegend: false,
        xaxis: {
          ...axis, showgrid: false, zeroline: false, domain: [0, gridPx / area],
          tickvals: centres(shown.length, kw), ticktext: shown.map(String), title: { text: "input channel", standoff: 4 },
        },
        yaxis: {
          ...axis, showgrid: false, zeroline: false, autorange: "reversed" as const,
          tickvals: centres(m.rows.length, kh), ticktext: m.rows.map(String), title: { text: "output channel", standoff: 4 },
        },
        ...(m.bias ? { xaxis2: { ...axis, domain: [(gridPx + gapPx) / area, 1], anchor: "y", showgrid: false, zeroline: false, fixedrange: true, tickvals: [0], ticktext: ["bias"] } } : {}),
      },
    };
  };
}
