import type { Data, Layout } from "plotly.js";
import type { ActivationsPayload, LayerActivations } from "../../protocol/activationsPayload";
import type { DrawnView } from "../drawnView";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { plotlyText } from "../plotly/plotlyText";
import { drawChart, type Figure } from "../plotly/plotView";
import type { ThemeColors } from "../theme";

const COLUMNS = 3;
/** Pixels per row of charts, of which ROW_GAP between rows holds the ticks above and the title below. */
const ROW_HEIGHT = 200;
const ROW_GAP = 50;
const MARGIN = { t: 50, b: 30 };

/**
 * A histogram per layer, input layer first, in a grid of small charts with their own axes; dead ReLUs'
 * zeros and saturated outputs in the warning colour; what stands out written under the grid.
 */
export async function renderActivations(element: HTMLElement, payload: ActivationsPayload, signal: AbortSignal): Promise<DrawnView> {
  const sample = payload.rows < payload.givenRows ? ` (${payload.rows} of ${payload.givenRows} rows, evenly spread)` : "";
  const notes = payload.layers.map((l) => `${name(l)}: ${l.note}`);
  const rows = Math.ceil(payload.layers.length / COLUMNS);
  return drawChart(element, signal, figure(payload, sample), { notes, height: MARGIN.t + MARGIN.b + rows * ROW_HEIGHT - ROW_GAP });
}

function name(l: LayerActivations): string {
  return l.name ? `${l.name} ${l.kind}` : l.kind;
}

/** Bins to mark: a ReLU's zeros when units are dead, and the saturated ends of a sigmoid or tanh. */
function warned(l: LayerActivations, i: number): boolean {
  const lo = l.edges[i], hi = l.edges[i + 1];
  if (l.activation === "relu") return (l.dead?.units ?? 0) > 0 && lo <= 0 && hi > 0;
  if (l.activation === "sigmoid") return lo < 0.01 || hi > 0.99;
  if (l.activation === "tanh") return lo < -0.99 || hi > 0.99;
  return false;
}

function figure(payload: ActivationsPayload, sample: string): Figure {
  const n = payload.layers.length, columns = Math.min(COLUMNS, n), rows = Math.ceil(n / COLUMNS);
  const gap = 0.06, width = (1 - gap * (columns - 1)) / columns;
  const area = rows * ROW_HEIGHT - ROW_GAP, height = (ROW_HEIGHT - ROW_GAP) / area, step = ROW_HEIGHT / area;
  return (theme: ThemeColors) => {
    const axis = themedAxis(theme);
    const data: Data[] = [];
    const layout: Partial<Layout> = {
      ...chartLayout(theme, { t: MARGIN.t }),
      title: { text: plotlyText(payload.title + sample), font: { size: 14 } },
      showlegend: false,
      bargap: 0.05,
      annotations: [],
    };
    layout.margin = { ...layout.margin, b: MARGIN.b };
    const grid = layout as Record<string, unknown>;
    payload.layers.forEach((l, i) => {
      const suffix = i === 0 ? "" : String(i + 1);
      const col = i % COLUMNS, row = Math.floor(i / COLUMNS);
      const x0 = col * (width + gap), top = 1 - row * step;
      const centres = l.counts.map((_, b) => (l.edges[b] + l.edges[b + 1]) / 2);
      data.push({
        type: "bar",
        x: centres,
        y: l.counts,
        width: l.counts.map((_, b) => l.edges[b + 1] - l.edges[b]),
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
        marker: { color: l.counts.map((_, b) => (warned(l, b) ? theme.negative : theme.series[0])) },
        customdata: l.counts.map((_, b) => `${fmt(l.edges[b])} to ${fmt(l.edges[b + 1])}`),
        hovertemplate: `${plotlyText(name(l))}<br>%{customdata}: %{y} outputs<extra></extra>`,
      });
      grid[`xaxis${suffix}`] = { ...axis, domain: [x0, x0 + width], anchor: `y${suffix}`, zeroline: false, tickfont: { size: 10 } };
      grid[`yaxis${suffix}`] = { ...axis, domain: [top - height, top], anchor: `x${suffix}`, tickfont: { size: 10 }, ...(i % COLUMNS === 0 ? { title: { text: "count", font: { size: 11 } } } : {}) };
      layout.annotations!.push({
        text: plotlyText(`${name(l)} [${l.shape.join(", ")}]`),
        xref: "paper",
        yref: "paper",
        x: x0,
        y: top,
        xanchor: "left",
        yanchor: "bottom",
        showarrow: false,
        font: { size: 11, color: theme.foreground },
      });
    });
    return { data, layout };
  };
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
}
