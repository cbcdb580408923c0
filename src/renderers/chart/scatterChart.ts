import type { ScatterPayload } from "../../protocol/chartPayloads";
import type { Figure } from "../plotly/plotView";
import { plotlyText } from "../plotly/plotlyText";
import type { ThemeColors } from "../theme";
import { chartAxes, HOVER_NUMBER } from "./axes";
import { classColour } from "../classColours";

/**
 * Points: by class, a trace per class in the series colour of its index (as the dataset view colours
 * classes), with a legend; by value, one trace on a colour scale with a colour bar: the tensor view's hues,
 * centred on 0 for signed values.
 */
export function scatterFigure(payload: ScatterPayload): Figure {
  const hover = `${plotlyText(payload.xLabel)} %{x${HOVER_NUMBER}}<br>${plotlyText(payload.yLabel)} %{y${HOVER_NUMBER}}`;
  const { classes, color } = payload;
  const groups = classes && color ? classes.map((name, c) => ({ name, points: indices(color, c) })) : undefined;
  let [min, maxAbs] = [Infinity, 0];
  for (const v of color ?? []) [min, maxAbs] = [Math.min(min, v), Math.max(maxAbs, Math.abs(v))];
  const signed = min < 0;
  return (theme) => {
    const marker = { size: 6, opacity: 0.85 };
    const data = groups
      ? groups.map((g, c) => ({
          type: "scatter" as const,
          mode: "markers" as const,
          name: plotlyText(g.name),
          x: g.points.map((i) => payload.x[i]),
          y: g.points.map((i) => payload.y[i]),
          marker: { ...marker, color: classColour(theme, c) },
          hovertemplate: `${hover}<br>${plotlyText(g.name)}<extra></extra>`,
        }))
      : [
          {
            type: "scatter" as const,
            mode: "markers" as const,
            x: payload.x,
            y: payload.y,
            marker: color
              ? {
                  ...marker,
                  color,
                  ...(signed ? { cmin: -maxAbs, cmax: maxAbs, cmid: 0 } : {}),
                  colorscale: scale(theme, signed),
                  showscale: true,
                  colorbar: { tickfont: { color: theme.foreground }, outlinewidth: 0 },
                }
              : { ...marker, color: theme.series[0] },
            hovertemplate: `${hover}${color ? `<br>colour %{marker.color${HOVER_NUMBER}}` : ""}<extra></extra>`,
          },
        ];
    return { data, layout: { ...chartAxes(theme, payload), showlegend: data.length > 1 } };
  };
}

function indices(color: number[], c: number): number[] {
  const out: number[] = [];
  color.forEach((v, i) => v === c && out.push(i));
  return out;
}

/**
 * The tensor view's hues, with the text colour where a heatmap has the background: a point coloured like
 * the background would vanish.
 */
function scale(theme: ThemeColors, signed: boolean): [number, string][] {
  if (!signed) {
    return [
      [0, theme.foreground],
      [1, theme.positive],
    ];
  }
  return [
    [0, theme.negative],
    [0.5, theme.foreground],
    [1, theme.positive],
  ];
}
