import type { Data, Layout } from "plotly.js";
import type { DrawnView } from "../drawnView";
import { themeColors, type ThemeColors } from "../theme";
import { onThemeChange } from "../themeWatch";
import { CHART_CONFIG } from "./chartLayout";
import { loadPlotly, type Plotly } from "./loadPlotly";

/** A chart's traces and layout, in the given theme's colours. */
export type Figure = (theme: ThemeColors) => { data: Data[]; layout: Partial<Layout> };

/**
 * Plots `figure` into `chart` (inside `root`, already in the page) and keeps it in the editor's colours: a
 * theme switch plots the same chart again in the new ones. Disposing purges the plot, which also removes
 * the window listener plotly adds for `responsive`, stops watching the theme and removes `root`.
 */
export async function plotView(Plotly: Plotly, chart: HTMLElement, root: Element, figure: Figure): Promise<DrawnView> {
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
  const view: DrawnView = {
    dispose() {
      stopWatching();
      Plotly.purge(chart);
      root.remove();
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
 * with `notes` (what the chart says, in sentences) under it; `height` in pixels for a chart taller than most.
 */
export async function drawChart(element: HTMLElement, signal: AbortSignal, figure: Figure, notes: readonly string[] = [], height?: number): Promise<DrawnView> {
  const Plotly = await loadPlotly();
  // Disposed or drawn again while plotly loaded: the element is no longer this drawing's.
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view";
  const chart = document.createElement("div");
  chart.className = "nnbook-chart";
  if (height !== undefined) chart.style.height = `${height}px`;
  view.appendChild(chart);
  if (notes.length > 0) {
    const list = document.createElement("ul");
    list.className = "nnbook-notes";
    for (const text of notes) list.appendChild(document.createElement("li")).textContent = text;
    view.appendChild(list);
  }
  element.replaceChildren(view);
  return plotView(Plotly, chart, view, figure);
}
