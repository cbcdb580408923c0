import type { BoundaryPayload } from "../../protocol/boundaryPayload";
import { HOVER_NUMBER } from "../chart/axes";
import { classColour } from "../classColours";
import { mix } from "../colourMix";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { plotlyText } from "../plotly/plotlyText";
import type { Figure } from "../plotly/plotView";
import type { ThemeColors } from "../theme";

/** How strongly the surface takes its class colour where the model is surest: the points must stay visible on it. */
const STRONGEST = 0.55;
/** Shades of each class's colour by how sure the prediction is (multiclass). */
const LEVELS = 4;

/**
 * The model's output as a surface behind the data points. Binary: the probability of class 1 on one scale
 * from class 0's colour through the background at 0.5 to class 1's, with the 0.5 line drawn. Multiclass:
 * each cell in its predicted class's colour, paler where the model is less sure. Points in their class
 * colours (as the dataset view draws them), misclassified ones ringed.
 */
export function boundaryFigure(payload: BoundaryPayload): Figure {
  const { gridX, gridY, points, classes } = payload;
  const rows = (values: number[]) => gridY.map((_, r) => values.slice(r * gridX.length, (r + 1) * gridX.length));
  const probability = rows(payload.probability);
  const predicted = payload.predicted ? rows(payload.predicted) : undefined;
  const at = `${plotlyText(payload.xLabel)} %{x${HOVER_NUMBER}}, ${plotlyText(payload.yLabel)} %{y${HOVER_NUMBER}}`;
  const wrong = points.label.flatMap((l, i) => (l !== points.predicted[i] ? [i] : []));
  const title = payload.progress ? `${payload.title} (epoch ${payload.progress.done} / ${payload.progress.total})` : payload.title;
  return (theme) => {
    const surface = predicted ? classSurface(theme, payload, probability, predicted, at) : binarySurface(theme, payload, probability, at);
    const classTraces = classes.map((name, c) => {
      const members = points.label.flatMap((l, i) => (l === c ? [i] : []));
      return {
        type: "scatter" as const,
        mode: "markers" as const,
        name: plotlyText(name),
        x: members.map((i) => points.x[i]),
        y: members.map((i) => points.y[i]),
        customdata: members.map((i) => classes[points.predicted[i]]),
        marker: { size: 7, color: classColour(theme, c), line: { color: theme.foreground, width: 1 } },
        hovertemplate: `${at}<br>class ${plotlyText(name)}, predicted %{customdata}<extra></extra>`,
      };
    });
    const misclassified = wrong.length
      ? [
          {
            type: "scatter" as const,
            mode: "markers" as const,
            name: `misclassified (${payload.misclassified.toLocaleString("en-US")})`,
            x: wrong.map((i) => points.x[i]),
            y: wrong.map((i) => points.y[i]),
            marker: { size: 15, symbol: "circle-open", color: theme.foreground, line: { color: theme.foreground, width: 2 } },
            hoverinfo: "skip" as const,
          },
        ]
      : [];
    const axis = themedAxis(theme);
    return {
      data: [...surface, ...classTraces, ...misclassified],
      layout: {
        ...chartLayout(theme, { t: 40 }),
        title: { text: plotlyText(title), font: { size: 14 } },
        showlegend: true,
        legend: { orientation: "h" as const, x: 0, y: -0.15, yanchor: "top" as const },
        margin: { l: 60, r: 20, t: 40, b: 90 },
        xaxis: { ...axis, title: { text: plotlyText(payload.xLabel) }, range: [gridX[0], gridX.at(-1)!], showgrid: false, zeroline: false },
        yaxis: { ...axis, title: { text: plotlyText(payload.yLabel) }, range: [gridY[0], gridY.at(-1)!], showgrid: false, zeroline: false },
      },
    };
  };
}

/** Probability of class 1: class 0's colour at 0, the background at 0.5, class 1's at 1; and the line at 0.5. */
function binarySurface(theme: ThemeColors, payload: BoundaryPayload, z: number[][], at: string) {
  const one = plotlyText(payload.classes[1]);
  const grid = { x: payload.gridX, y: payload.gridY, z };
  return [
    {
      type: "heatmap" as const,
      ...grid,
      zmin: 0,
      zmax: 1,
      zmid: 0.5,
      zsmooth: "best" as const,
      colorscale: [
        [0, mix(theme.background, classColour(theme, 0), STRONGEST)],
        [0.5, theme.background],
        [1, mix(theme.background, classColour(theme, 1), STRONGEST)],
      ] as [number, string][],
      colorbar: { title: { text: `P(${one})`, side: "right" as const }, tickvals: [0, 0.5, 1], tickfont: { color: theme.foreground }, outlinewidth: 0, len: 0.8, thickness: 14 },
      hovertemplate: `${at}<br>P(${one}) %{z:.2f}<extra></extra>`,
      showlegend: false,
    },
    {
      type: "contour" as const,
      ...grid,
      contours: { start: 0.5, end: 0.5, size: 1, coloring: "none" as const },
      line: { color: theme.foreground, width: 1.5, dash: "dot" as const },
      showscale: false,
      hoverinfo: "skip" as const,
      showlegend: false,
    },
  ];
}

/** Each cell in its predicted class's colour, in LEVELS shades from unsure (1/k) to sure (1). */
function classSurface(theme: ThemeColors, payload: BoundaryPayload, probability: number[][], predicted: number[][], at: string) {
  const k = payload.classes.length, values = k * LEVELS;
  const shade = (c: number, p: number) => {
    const sure = Math.max(0, (p - 1 / k) / (1 - 1 / k));
    return c * LEVELS + Math.min(LEVELS - 1, Math.floor(sure * LEVELS));
  };
  // A step scale: value v fills [v / values, (v + 1) / values] with one colour.
  const colorscale: [number, string][] = [];
  for (let v = 0; v < values; v++) {
    const colour = mix(theme.background, classColour(theme, Math.floor(v / LEVELS)), (STRONGEST * ((v % LEVELS) + 1)) / LEVELS);
    colorscale.push([v / values, colour], [(v + 1) / values, colour]);
  }
  const names = payload.classes.map(plotlyText);
  return [
    {
      type: "heatmap" as const,
      x: payload.gridX,
      y: payload.gridY,
      z: predicted.map((row, r) => row.map((c, j) => shade(c, probability[r][j]) + 0.5)),
      // A row of text per row of z, as heatmaps take it (the plotly types know 1-D text only).
      text: predicted.map((row, r) => row.map((c, j) => `${names[c]} (${Math.round(probability[r][j] * 100)}%)`)) as unknown as string[],
      zmin: 0,
      zmax: values,
      colorscale,
      showscale: false,
      hovertemplate: `${at}<br>predicted %{text}<extra></extra>`,
      showlegend: false,
    },
  ];
}
