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
  /** Plots `figure` into the same chart (`Plotly.react`: only what changed is redrawn); the theme watch follows it. */
  replot(figure: Figure): Promise<void>;
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
 * A view that is one chart: loads plotly, then (unless the drawing was cancelled meanwhile) plots `figure`.
 * `className` is added to the chart's box (a taller one for a 2-D surface).
 */
export async function drawChart(element: HTMLElement, signal: AbortSignal, figure: Figure, className?: string): Promise<PlotHandle> {
  const Plotly = await loadPlotly();
  // Disposed or drawn again while plotly loaded: the element is no longer this drawing's.
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view";
  const chart = document.createElement("div");
  chart.className = className ? `nnbook-chart ${className}` : "nnbook-chart";
  view.appendChild(chart);
  element.replaceChildren(view);
  return plotView(Plotly, chart, view, figure);
}
