import type { Data, Layout } from "plotly.js";
import type { DrawnView } from "../drawnView";
import { themeColors, type ThemeColors } from "../theme";
import { CHART_CONFIG } from "./chartLayout";
import type { Plotly } from "./loadPlotly";

/** A chart's traces and layout, in the given theme's colours. */
export type Figure = (theme: ThemeColors) => { data: Data[]; layout: Partial<Layout> };

/**
 * Plots `figure` into `chart` (inside `root`, already in the page). Disposing purges the plot, which also
 * removes the window listener plotly adds for `responsive`, and removes `root`.
 */
export async function plotView(Plotly: Plotly, chart: HTMLElement, root: Element, figure: Figure): Promise<DrawnView> {
  const view: DrawnView = {
    dispose() {
      Plotly.purge(chart);
      root.remove();
    },
  };
  try {
    const { data, layout } = figure(themeColors());
    await Plotly.react(chart, data, layout, CHART_CONFIG);
  } catch (error) {
    view.dispose();
    throw error;
  }
  return view;
}
