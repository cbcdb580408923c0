import type { ConfusionPayload } from "../../protocol/confusionPayload";
import { classColour } from "../classColours";
import { mix } from "../colourMix";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { plotlyText } from "../plotly/plotlyText";
import type { Figure } from "../plotly/plotView";

const STRONGEST = 0.6;

/**
 * True classes down, predicted across, each cell's count with its share of the true class. Cells are tinted
 * by that share (so a class with few rows reads as clearly as a big one); class names in their colours.
 */
export function confusionFigure(payload: ConfusionPayload): Figure {
  const { classes, counts } = payload;
  const share = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((n) => (total ? n / total : 0));
  });
  const names = classes.map(plotlyText);
  const hover = counts.map((row, t) => row.map((n, p) => `true ${names[t]}, predicted ${names[p]}: ${n.toLocaleString("en-US")} ${n === 1 ? "row" : "rows"} (${Math.round(share[t][p] * 100)}% of ${names[t]})`));
  const text = counts.map((row, t) => row.map((n, p) => `${n.toLocaleString("en-US")}<br>${Math.round(share[t][p] * 100)}%`));
  const index = classes.map((_, c) => c);
  return (theme) => {
    const axis = themedAxis(theme);
    const ticks = { tickvals: index, ticktext: names.map((name, c) => `<span style="color:${classColour(theme, c)}">■</span> ${name}`), showgrid: false, zeroline: false };
    return {
      data: [
        {
          type: "heatmap",
          x: index,
          y: index,
          z: share,
          zmin: 0,
          zmax: 1,
          // Up to 60% of the way to blue only: the cell text, in the editor's text colour, stays readable on every cell.
          colorscale: [
            [0, theme.background],
            [1, mix(theme.background, theme.positive, STRONGEST)],
          ],
          xgap: 2,
          ygap: 2,
          // A row of strings per row of z, as heatmaps take them (the plotly types know 1-D text only).
          text: text as unknown as string[],
          texttemplate: "%{text}",
          textfont: { color: theme.foreground },
          hovertext: hover as unknown as string[],
          hovertemplate: "%{hovertext}<extra></extra>",
          colorbar: { title: { text: "share of true class", side: "right" }, tickformat: ".0%", tickfont: { color: theme.foreground }, outlinewidth: 0, thickness: 14 },
        },
      ],
      layout: {
        ...chartLayout(theme, { t: 40 }),
        title: { text: plotlyText(payload.title), font: { size: 14 } },
        showlegend: false,
        xaxis: { ...axis, ...ticks, title: { text: "predicted class" }, side: "bottom" },
        yaxis: { ...axis, ...ticks, title: { text: "true class" }, autorange: "reversed" },
        margin: { l: 100, r: 20, t: 40, b: 60 },
      },
    };
  };
}
