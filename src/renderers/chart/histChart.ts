import type { HistPayload } from "../../protocol/chartPayloads";
import type { Figure } from "../plotly/plotView";
import { chartAxes, HOVER_NUMBER } from "./axes";

/** Bars from edge to edge, touching, as a histogram is read. */
export function histFigure(payload: HistPayload): Figure {
  const { edges, counts } = payload;
  const centres = counts.map((_, i) => (edges[i] + edges[i + 1]) / 2);
  const widths = counts.map((_, i) => edges[i + 1] - edges[i]);
  // Each bar's own range on hover, with a closing bracket on the last (it includes its right edge).
  const ranges = counts.map((_, i) => [edges[i], edges[i + 1], i === counts.length - 1 ? "]" : ")"]);
  return (theme) => ({
    data: [
      {
        type: "bar",
        x: centres,
        y: counts,
        width: widths,
        customdata: ranges,
        marker: { color: theme.series[0], line: { color: theme.background, width: 1 } },
        hovertemplate: `[%{customdata[0]${HOVER_NUMBER}}, %{customdata[1]${HOVER_NUMBER}}%{customdata[2]}: %{y:,} values<extra></extra>`,
      },
    ],
    layout: { ...chartAxes(theme, payload), bargap: 0 },
  });
}
