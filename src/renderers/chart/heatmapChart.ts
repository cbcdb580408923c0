import type { HeatmapPayload } from "../../protocol/chartPayloads";
import type { Figure } from "../plotly/plotView";
import { plotlyText } from "../plotly/plotlyText";
import { divergingScale, sequentialScale } from "../palette";
import { chartAxes, HOVER_NUMBER } from "./axes";

/**
 * A matrix as colours, row 0 at the top. Signed values use the tensor view's scale: negative red, positive
 * blue, 0 the background, symmetric at ±max|z| so intensities compare; others go from background to blue.
 */
export function heatmapFigure(payload: HeatmapPayload): Figure {
  const { rows, cols } = payload;
  const z = Array.from({ length: rows }, (_, r) => payload.z.slice(r * cols, (r + 1) * cols));
  let maxAbs = 0;
  for (const v of payload.z) maxAbs = Math.max(maxAbs, Math.abs(v));
  // Unsigned values also start at 0: colour stays proportional to size, and 0 is the background in both scales.
  const range = payload.signed ? { zmin: -maxAbs, zmax: maxAbs, zmid: 0 } : { zmin: 0, zmax: maxAbs };
  // A pooled cell sits at its block's first index and says which indices it is the mean of.
  const pooled = payload.pooled;
  const hover = pooled
    ? `%{customdata}: mean %{z${HOVER_NUMBER}}<extra></extra>`
    : `${plotlyText(payload.yLabel)} %{y}, ${plotlyText(payload.xLabel)} %{x}: %{z${HOVER_NUMBER}}<extra></extra>`;
  const blocks = pooled && {
    x: Array.from({ length: cols }, (_, c) => c * pooled.block[1]),
    y: Array.from({ length: rows }, (_, r) => r * pooled.block[0]),
    customdata: Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => `${plotlyText(payload.yLabel)} ${span(r, pooled.block[0], pooled.rows)}, ${plotlyText(payload.xLabel)} ${span(c, pooled.block[1], pooled.cols)}`),
    ),
  };
  return (theme) => {
    const layout = chartAxes(theme, payload);
    return {
      data: [
        {
          type: "heatmap",
          z,
          ...blocks,
          colorscale: payload.signed ? divergingScale(theme) : sequentialScale(theme),
          ...range,
          xgap: cols <= 40 ? 1 : 0,
          ygap: rows <= 40 ? 1 : 0,
          colorbar: { tickfont: { color: theme.foreground }, outlinewidth: 0 },
          hovertemplate: hover,
        },
      ],
      layout: {
        ...layout,
        xaxis: { ...layout.xaxis, ...indexTicks(pooled ? pooled.cols : cols) },
        yaxis: { ...layout.yaxis, ...indexTicks(pooled ? pooled.rows : rows), autorange: "reversed" as const },
      },
    };
  };
}

/** Ticks on whole indices only (a few rows would get ticks at 0.5 otherwise), no grid over the cells. */
function indexTicks(n: number) {
  return { showgrid: false, zeroline: false, tick0: 0, ...(n <= 20 ? { dtick: 1 } : {}) };
}

/** "8–15": the indices block `i` covers along an axis of `n`. */
function span(i: number, block: number, n: number): string {
  const last = Math.min((i + 1) * block, n) - 1;
  return last > i * block ? `${i * block}–${last}` : String(i * block);
}
