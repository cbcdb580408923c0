import type { Data, Layout } from "plotly.js";
import type { DrawnView } from "../drawnView";
import { themeColors, type ThemeColors } from "../theme";
import { onThemeChange } from "../themeWatch";
import { CHART_CONFIG } from "./chartLayout";
import { loadPlotly, type Plotly } from "./loadPlotly";

/** A chart's traces and layout, in the given theme's colours. */
export type Figure = (theme: ThemeColors) => { data: Data[]; layout: Partial<Layout> };

/** A drawn chart, which can be plotted again in place with another figure. */
export interface PlotHandle extends DrawnView {
  /**
   * Plots `figure` into the same chart (`Plotly.react`: only what changed is redrawn); the theme watch
   * follows it. `notes`, when given, replace the sentences under the chart.
   */
  replot(figure: Figure, notes?: readonly string[]): Promise<void>;
}

/** How a chart's box is laid out: a class for its size, a height in pixels, and sentences under it. */
export interface ChartOptions {
  className?: string;
  height?: number;
  notes?: readonly string[];
}

/**
 * Plots `figure` into `chart` (inside `root`, already in the page) and keeps it in the editor's colours: a
 * theme switch plots the same chart again in the new ones. Disposing purges the plot, which also removes
 * the window listener plotly adds for `responsive`, stops watching the theme and removes `root`.
 */
export async function plotView(Plotly: Plotly, chart: HTMLElement, root: Element, figure: Figure): Promise<PlotHandle> {
  let theme = themeColors();
  const plot = () => {
    const { data, layout } = figure(theme);
    return Plotly.react(chart, data, layout, CHART_CONFIG);
  };
  const stopWatching = onThemeChange(() => {
    const next = themeColors();
    // The body's style and classes change for other reasons too; only new colours are worth a new plot.
    if (JSON.stringify(next) === JSON.stringify(theme)) return;
    theme = next;
    void plot();
  });
  let disposed = false;
  const view: PlotHandle = {
    dispose() {
      disposed = true;
      stopWatching();
      Plotly.purge(chart);
      root.remove();
    },
    async replot(next) {
      if (disposed) return;
      figure = next;
      await plot();
    },
  };
  try {
    await plot();
  } catch (error) {
    view.dispose();
    throw error;
  }
  return view;
}

/**
 * A view that is one chart: loads plotly, then (unless the drawing was cancelled meanwhile) plots `figure`,
 * with `notes` (what the chart says, in sentences) under it.
 */
export async function drawChart(element: HTMLElement, signal: AbortSignal, figure: Figure, options: ChartOptions = {}): Promise<PlotHandle> {
  const Plotly = await loadPlotly();
  // Disposed or drawn again while plotly loaded: the element is no longer this drawing's.
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view";
  const chart = document.createElement("div");
  chart.className = options.className ? `nnbook-chart ${options.className}` : "nnbook-chart";
  if (options.height !== undefined) chart.style.height = `${options.height}px`;
  const list = document.createElement("ul");
  list.className = "nnbook-notes";
  const write = (notes: readonly string[]) => list.replaceChildren(...notes.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
  write(options.notes ?? []);
  view.append(chart, list);
  element.replaceChildren(view);
  const plot = await plotView(Plotly, chart, view, figure);
  return {
    dispose: () => plot.dispose(),
    async replot(next, notes) {
      await plot.replot(next);
      if (notes) write(notes);
    },
  };
}
