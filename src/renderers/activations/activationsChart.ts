import type { Data, Layout } from "plotly.js";
import type { ActivationsPayload, FeatureMaps, LayerActivations } from "../../protocol/activationsPayload";
import type { ImagesPayload } from "../../protocol/imagesPayload";
import { caption } from "../caption";
import { imageGrid } from "../images/imageGrid";
import { themedImages } from "../images/imagesView";
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
  const chart = await drawChart(element, signal, figure(payload, sample), { notes, height: MARGIN.t + MARGIN.b + rows * ROW_HEIGHT - ROW_GAP });
  const withMaps = payload.layers.filter((l) => l.maps);
  if (!payload.input && withMaps.length === 0) return chart;
  // Images in, images out: the first input and what each layer made of it, a small image per channel.
  const section = document.createElement("div");
  section.className = "nnbook-feature-maps";
  const grids = [
    ...(payload.input ? [{ label: "input 0", maps: payload.input }] : []),
    ...withMaps.map((l) => ({ label: `${name(l)} [${l.shape.slice(1).join(", ")}]`, maps: l.maps! })),
  ].map(({ label, maps }) => {
    const thinned = maps.channels.length < maps.of ? ` (every ${maps.channels[1]}th of ${maps.of} channels)` : "";
    section.appendChild(caption(`${label}${thinned}, ${fmt(maps.min)} to ${fmt(maps.max)}`));
    const grid = imageGrid(asImages(maps));
    section.appendChild(grid.element);
    return grid;
  });
  section.prepend(caption("Feature maps of input 0: one image per channel, each layer on its own range (background = its min, ink = its max)"));
  element.appendChild(section);
  const images = themedImages(section, (theme) => grids.forEach((g) => g.paint(theme)));
  return {
    dispose() {
      images.dispose();
      chart.dispose();
    },
  };
}

function asImages(maps: FeatureMaps): ImagesPayload {
  return {
    version: 1,
    title: "",
    shape: maps.shape,
    min: maps.min,
    max: maps.max === maps.min ? maps.min + 1 : maps.max,
    images: maps.channels.map((c, i) => ({ pixels: maps.pixels[i], index: c, label: `ch ${c}` })),
    total: maps.channels.length,
  };
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
